// MLP 784-256-10 (relu), B = 128, one training step (forward, softmax cross-entropy, backward, SGD),
// ms per step: gradus (native, wasm) against PyTorch (nn.Linear, F.cross_entropy, optim.SGD), jax-js
// (jit), TF.js wasm and numpy's hand-written backprop, one thread each, in alternation over ROUNDS rounds. Each round trains STEPS steps from the same initial
// parameters over the same batches; every runner's final parameters are checked against float64 loops.
import { availableParallelism } from "node:os";
import {
  availableBackends,
  Generator,
  nn,
  noGrad,
  optim,
  setBackend,
  setNumThreads,
  Tensor,
  type BackendName,
} from "../src/node.js";
import type { MlpTraining } from "./mlp-peers.js";
import { jaxMlp, tfjsMlp } from "./mlp-peers.js";
import {
  paramsError,
  referenceTraining,
  type MlpBatch,
  type MlpParams,
  type MlpShape,
} from "./mlp-reference.js";
import { jaxWasm, PythonInputs, runPython, tfjsWasm } from "./peers.js";
import { runRounds, type Measurement, type RoundRunner } from "./rounds.js";
import { runTorch } from "./torch-peer.js";
import type { BenchRow, BenchSuite } from "./suite.js";

const SHAPE: MlpShape = { inputs: 784, hidden: 256, classes: 10 };
const [ROWS, BATCHES, STEPS, LR, ROUNDS] = [128, 4, 20, 0.05, 5];
/** One thread for every runner: the wasm peers run one in Node, and the machine is shared. */
const THREADS = 1;
const SUITE = "mlp-step";
const WORKLOAD = `MLP 784-256-10 train step, B=${ROWS}`;
const TOLERANCE = 1e-4;

function makeBatches(generator: Generator): MlpBatch[] {
  return Array.from({ length: BATCHES }, () => ({
    x: Float32Array.from({ length: ROWS * SHAPE.inputs }, () => generator.uniform()),
    labels: Int32Array.from({ length: ROWS }, () =>
      Math.floor(generator.uniform() * SHAPE.classes),
    ),
  }));
}

/** gradus through the public API: nn.MLP, nn.crossEntropy with int32 labels, backward, optim.SGD. */
function gradusMlp(
  backend: BackendName,
  init: MlpParams,
  batches: readonly MlpBatch[],
): MlpTraining {
  const data = batches.map(({ x, labels }) => ({
    x: new Tensor(x, [ROWS, SHAPE.inputs]),
    labels: new Tensor(labels, [ROWS]),
  }));
  return (steps) => {
    setBackend(backend);
    setNumThreads(THREADS);
    const model = new nn.MLP([SHAPE.inputs, SHAPE.hidden, SHAPE.classes]);
    const parameters = model.parameters();
    noGrad(() =>
      [init.w1, init.b1, init.w2, init.b2].forEach((values, i) => parameters[i]!.data.set(values)),
    );
    const optimizer = new optim.SGD(parameters, { lr: LR });
    const start = performance.now();
    for (let s = 0; s < steps; s++) {
      const { x, labels } = data[s % data.length]!;
      optimizer.zeroGrad();
      nn.crossEntropy(model.forward(x), labels).backward();
      optimizer.step();
    }
    const ms = (performance.now() - start) / steps;
    const [w1, b1, w2, b2] = parameters.map((parameter) => parameter.dataSync());
    return Promise.resolve([ms, { w1: w1!, b1: b1!, w2: w2!, b2: b2! }]);
  };
}

/** A runner whose figure is ms per step, after a warm-up training in every round, checked. */
function stepRunner(
  name: string,
  reference: MlpParams,
  train: MlpTraining,
  peers?: readonly string[],
): RoundRunner {
  return {
    name,
    ...(peers ? { peers } : {}),
    async measure(): Promise<Measurement> {
      // a warm-up training every round, as the python peers repeat theirs and report the last
      await train(STEPS);
      const [ms, params] = await train(STEPS);
      const error = paramsError(params, reference);
      if (!(error < TOLERANCE))
        throw new Error(
          `${WORKLOAD}: ${name} parameters differ from the float64 reference by ${error}`,
        );
      return { value: ms, note: `parameters vs float64 reference ${error.toExponential(1)}` };
    },
  };
}

/** A python peer (numpy's hand-written backprop or PyTorch) on the same parameters and batches. */
function pythonRunner(
  peer: "numpy" | "torch",
  init: MlpParams,
  batches: readonly MlpBatch[],
  reference: MlpParams,
): RoundRunner & { dispose(): void } {
  const inputs = new PythonInputs();
  const concat = (parts: ArrayLike<number>[]): Float32Array =>
    Float32Array.from(parts.flatMap((part) => Array.from(part)));
  const files = [
    inputs.write("params.bin", concat([init.w1, init.b1, init.w2, init.b2])),
    inputs.write("x.bin", concat(batches.map((batch) => batch.x))),
    inputs.write("labels.bin", Int32Array.from(batches.flatMap((batch) => [...batch.labels]))),
    inputs.write("out.bin", new Float32Array(0)),
  ];
  const threads = THREADS;
  const sizes = [
    SHAPE.hidden * SHAPE.inputs,
    SHAPE.hidden,
    SHAPE.classes * SHAPE.hidden,
    SHAPE.classes,
  ];
  return {
    name: peer === "numpy" ? "numpy-backprop" : "pytorch",
    measure(): Measurement {
      const { inputs: n, hidden, classes } = SHAPE;
      const args = [n, hidden, classes, ROWS, BATCHES, STEPS, LR, peer === "numpy" ? 2 : 3].map(
        String,
      );
      const result =
        peer === "numpy"
          ? runPython<{ ms: number[]; version: string }>(
              "./mlp-numpy.py",
              [...files, ...args],
              threads,
            )
          : runTorch<{ ms: number[]; version: string }>("./mlp-torch.py", [...files, ...args]);
      if ("skipped" in result) return result;
      const flat = new Float32Array(inputs.read("out.bin"));
      const [a, b, c] = [sizes[0]!, sizes[0]! + sizes[1]!, sizes[0]! + sizes[1]! + sizes[2]!];
      const params = {
        w1: flat.subarray(0, a),
        b1: flat.subarray(a, b),
        w2: flat.subarray(b, c),
        b2: flat.subarray(c),
      };
      const error = paramsError(params, reference);
      if (!(error < TOLERANCE))
        throw new Error(
          `${WORKLOAD}: ${peer} parameters differ from the float64 reference by ${error}`,
        );
      const note =
        peer === "numpy"
          ? `numpy ${result.version}, ${threads} OpenBLAS thread(s), hand-written backprop; parameters ${error.toExponential(1)}`
          : `torch ${result.version}, set_num_threads(1), nn.Linear + F.cross_entropy + optim.SGD; parameters ${error.toExponential(1)}`;
      return { value: result.ms[result.ms.length - 1]!, note };
    },
    dispose: () => inputs.dispose(),
  };
}

export const mlpStepSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const generator = new Generator(7);
    const model = new nn.MLP([SHAPE.inputs, SHAPE.hidden, SHAPE.classes], { generator });
    const [w1, b1, w2, b2] = model.parameters().map((parameter) => parameter.dataSync());
    const init: MlpParams = { w1: w1!, b1: b1!, w2: w2!, b2: b2! };
    const batches = makeBatches(generator);
    const reference = referenceTraining(init, batches, STEPS, LR, SHAPE);
    const backends = availableBackends().filter((name) => name !== "js") as BackendName[];
    const peers = ["pytorch", "jax-js-wasm-jit", "tfjs-wasm", "numpy-backprop"];
    const runners: RoundRunner[] = backends.map((backend) =>
      stepRunner(`gradus-${backend}`, reference, gradusMlp(backend, init, batches), peers),
    );
    runners.push(
      stepRunner("jax-js-wasm-jit", reference, jaxMlp(await jaxWasm(), init, batches, LR, SHAPE)),
    );
    const tf = await tfjsWasm();
    runners.push(
      tf === null
        ? { name: "tfjs-wasm", measure: () => ({ skipped: "tfjs wasm did not start" }) }
        : stepRunner("tfjs-wasm", reference, tfjsMlp(tf, init, batches, LR, SHAPE)),
    );
    const numpy = pythonRunner("numpy", init, batches, reference);
    const torch = pythonRunner("torch", init, batches, reference);
    runners.push(torch, numpy);
    try {
      return await runRounds(
        { suite: SUITE, workload: WORKLOAD, unit: "ms/step", better: "lower", rounds: ROUNDS },
        runners,
      );
    } finally {
      numpy.dispose();
      torch.dispose();
      setBackend(backends[0] ?? "js");
      setNumThreads(availableParallelism());
    }
  },
};
