// Peers of the LSTM training-step benchmark: PyTorch (nn.LSTM, one thread, a python subprocess) and
// TF.js on its wasm backend (two tf.layers.lstm layers, optimizer.minimize), same weights and input.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Tf } from "./peers.js";
import { PythonInputs } from "./peers.js";
import type { Measurement } from "./rounds.js";

/** The benchmark's shape: layers of `hidden` units over [steps, batch, input], no biases. */
export interface LstmShape {
  readonly input: number;
  readonly hidden: number;
  readonly layers: number;
  readonly steps: number;
  readonly batch: number;
}

/** A run of `trainSteps` steps: ms per step, the first step's loss and the final parameters (PyTorch order). */
export interface LstmRun {
  readonly ms: number;
  readonly loss: number;
  readonly params: ArrayLike<number>;
}

let torchPython: string | null | undefined;

/**
 * A python that imports torch: $GRADUS_TORCH_PYTHON, the team's venv next to the repository, or
 * python3; null when none does (the PyTorch rows are then skipped with a note).
 */
export function findTorchPython(): string | null {
  if (torchPython !== undefined) return torchPython;
  const candidates = [
    process.env.GRADUS_TORCH_PYTHON,
    fileURLToPath(new URL("../../torch-venv/bin/python", import.meta.url)),
    fileURLToPath(new URL("../../../torch-venv/bin/python", import.meta.url)),
    "python3",
  ].filter(
    (path): path is string => path !== undefined && (path === "python3" || existsSync(path)),
  );
  torchPython =
    candidates.find((python) => spawnSync(python, ["-c", "import torch"]).status === 0) ?? null;
  return torchPython;
}

/** The PyTorch runner: each measurement spawns lstm-torch.py, which trains `repeats` times. */
export function torchLstm(
  shape: LstmShape,
  init: Float32Array,
  x: Float32Array,
  trainSteps: number,
  lr: number,
): { run(repeats: number): LstmRun | { skipped: string }; dispose(): void } {
  const inputs = new PythonInputs();
  const files = [
    inputs.write("params.bin", init),
    inputs.write("x.bin", x),
    inputs.write("out.bin", new Float32Array(0)),
  ];
  const { input, hidden, layers, steps, batch } = shape;
  const args = [input, hidden, layers, steps, batch, trainSteps, lr].map(String);
  const script = fileURLToPath(new URL("./lstm-torch.py", import.meta.url));
  return {
    run(repeats) {
      const python = findTorchPython();
      if (python === null) return { skipped: "no python with torch (set GRADUS_TORCH_PYTHON)" };
      const result = spawnSync(python, [script, ...files, ...args, String(repeats)], {
        encoding: "utf8",
        env: { ...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
      });
      if (result.status !== 0)
        return { skipped: `PyTorch failed (${result.stderr.trim().split("\n").pop()})` };
      const { ms, loss } = JSON.parse(result.stdout) as { ms: number[]; loss: number };
      return { ms: ms[ms.length - 1]!, loss, params: new Float32Array(inputs.read("out.bin")) };
    },
    dispose: () => inputs.dispose(),
  };
}

/** [rows, cols] row-major → [cols, rows]. */
function transposed(values: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j]!;
  return out;
}

/**
 * TF.js: tf.layers.lstm (sigmoid recurrent activation, as PyTorch, instead of TF.js's hard sigmoid;
 * no bias) stacked `layers` times, trained with tf.train.sgd through optimizer.minimize. Its kernels
 * are W_ihᵀ and W_hhᵀ with PyTorch's gate order i, f, g(c), o.
 */
export function tfjsLstm(
  tf: Tf,
  shape: LstmShape,
  init: Float32Array,
  x: Float32Array,
  trainSteps: number,
  lr: number,
): () => Promise<LstmRun> {
  const { input, hidden, layers, steps, batch } = shape;
  // TF.js layers read [batch, steps, input]
  const batchFirst = new Float32Array(x.length);
  for (let t = 0; t < steps; t++)
    for (let n = 0; n < batch; n++)
      batchFirst.set(
        x.subarray((t * batch + n) * input, (t * batch + n + 1) * input),
        (n * steps + t) * input,
      );
  const xs = tf.tensor3d(batchFirst, [batch, steps, input]);
  const sizes = Array.from({ length: layers }, (_, l) => [
    4 * hidden * (l === 0 ? input : hidden),
    4 * hidden * hidden,
  ]);
  return async () => {
    const model = tf.sequential();
    for (let l = 0; l < layers; l++)
      model.add(
        tf.layers.lstm({
          units: hidden,
          returnSequences: true,
          useBias: false,
          recurrentActivation: "sigmoid",
          ...(l === 0 ? { inputShape: [steps, input] } : {}),
        }),
      );
    let at = 0;
    model.layers.forEach((layer, l) => {
      const [ih, hh] = sizes[l]!;
      const inFeatures = ih! / (4 * hidden);
      const kernel = transposed(init.subarray(at, at + ih!), 4 * hidden, inFeatures);
      const recurrent = transposed(init.subarray(at + ih!, at + ih! + hh!), 4 * hidden, hidden);
      at += ih! + hh!;
      layer.setWeights([
        tf.tensor2d(kernel, [inFeatures, 4 * hidden]),
        tf.tensor2d(recurrent, [hidden, 4 * hidden]),
      ]);
    });
    const optimizer = tf.train.sgd(lr);
    let loss = NaN;
    const start = performance.now();
    for (let s = 0; s < trainSteps; s++) {
      const cost = tf.tidy(() => {
        const objective = (): ReturnType<Tf["scalar"]> =>
          tf.div(tf.sum(tf.square(model.apply(xs) as ReturnType<Tf["square"]>)), batch);
        return optimizer.minimize(objective, true) ?? tf.scalar(NaN);
      });
      const value = (await cost.data())[0]!;
      if (s === 0) loss = value;
      cost.dispose();
    }
    const ms = (performance.now() - start) / trainSteps;
    const params = new Float32Array(init.length);
    at = 0;
    for (const layer of model.layers) {
      const [kernel, recurrent] = layer.getWeights();
      const inFeatures = kernel!.shape[0]!;
      params.set(transposed(await kernel!.data(), inFeatures, 4 * hidden), at);
      at += inFeatures * 4 * hidden;
      params.set(transposed(await recurrent!.data(), hidden, 4 * hidden), at);
      at += hidden * 4 * hidden;
    }
    model.dispose();
    optimizer.dispose();
    return { ms, loss, params };
  };
}

/**
 * Checks a run against the float64 reference: its first loss (relative error ≤ 1e-3: a float32 sum of
 * 500k squares) and its final parameters, whose error must stay under 1% of the largest update the
 * reference made (so a peer that skipped or botched the backward fails).
 */
export function checkRun(run: LstmRun, reference: LstmRun, init: Float32Array): Measurement {
  const lossError = Math.abs(run.loss - reference.loss) / Math.abs(reference.loss);
  let [update, worst] = [0, 0];
  for (let i = 0; i < reference.params.length; i++) {
    update = Math.max(update, Math.abs(reference.params[i]! - init[i]!));
    const error = Math.abs(run.params[i]! - reference.params[i]!);
    worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
  }
  const paramsError = worst / update;
  if (!(lossError < 1e-3 && paramsError < 1e-2))
    throw new Error(
      `LSTM step: the first loss differs by ${lossError} (relative), the parameters by ${paramsError} of the largest update, from the float64 reference`,
    );
  return {
    value: run.ms,
    note: `vs float64: loss ${lossError.toExponential(1)}, parameters ${paramsError.toExponential(1)} of the update ${update.toExponential(1)}`,
  };
}
