// conv2d forward + backward (∂x, ∂w, ∂b; 3×3, padding 1, bias, float32, batch 64), ms per step:
// gradus (native, wasm) against PyTorch CPU (oneDNN), TF.js wasm and jax-js (jit), one thread each, in
// alternation over ROUNDS rounds. Every runner's gradients are checked against gradus in float64.
import { availableParallelism } from "node:os";
import {
  availableBackends,
  conv2d,
  Generator,
  randn,
  setBackend,
  setNumThreads,
  Tensor,
  type BackendName,
} from "../src/node.js";
import {
  gradusConv,
  jaxConv,
  tfjsConv,
  torchConv,
  type ConvGrads,
  type ConvProblem,
  type ConvSteps,
} from "./conv-peers.js";
import { jaxWasm, tfjsWasm } from "./peers.js";
import { runRounds, type Measurement, type RoundRunner } from "./rounds.js";
import { median, type BenchRow, type BenchSuite } from "./suite.js";

const SUITE = "conv";
const ROUNDS = 7;
/** [batch, in channels, size, out channels]: an MNIST CNN's two convolutions. */
const SHAPES = [
  [64, 1, 28, 32],
  [64, 32, 14, 64],
] as const;
const TOLERANCE = 1e-4;

function problem([n, c, h, o]: readonly [number, number, number, number]): ConvProblem {
  const generator = new Generator(n * 1000 + c * 10 + o);
  const data = (shape: number[]) => randn(shape, { generator }).data as Float32Array;
  return {
    n,
    c,
    h,
    o,
    x: data([n, c, h, h]),
    w: data([o, c, 3, 3]),
    b: data([o]),
    gy: data([n, o, h, h]),
  };
}

/** The gradients in float64 on gradus native (verified against the js reference by the conformance tests). */
function reference(p: ConvProblem): ConvGrads {
  setBackend(availableBackends().includes("native") ? "native" : "js");
  const leaf = (data: Float32Array, shape: number[]) =>
    new Tensor(Float64Array.from(data), shape).requiresGrad_();
  const x = leaf(p.x, [p.n, p.c, p.h, p.h]);
  const w = leaf(p.w, [p.o, p.c, 3, 3]);
  const b = leaf(p.b, [p.o]);
  const gy = new Tensor(Float64Array.from(p.gy), [p.n, p.o, p.h, p.h]);
  conv2d(x, w, { bias: b, padding: 1 }).backward(gy);
  return { x: x.grad!.data, w: w.grad!.data, b: b.grad!.data };
}

/** The largest |difference| over the largest |reference| entry, worst of the three gradients. */
function gradError(actual: ConvGrads, expected: ConvGrads): number {
  let worst = 0;
  for (const key of ["x", "w", "b"] as const) {
    const [a, e] = [actual[key], expected[key]];
    if (a.length !== e.length) return Infinity;
    let error = 0;
    let scale = 0;
    for (let i = 0; i < e.length; i++) {
      error = Math.max(error, Math.abs(a[i]! - e[i]!));
      scale = Math.max(scale, Math.abs(e[i]!));
    }
    worst = Math.max(worst, error / scale);
  }
  return worst;
}

/** A runner reporting the median ms of `steps` steps per round (after one warm-up step in round 0). */
function stepRunner(
  name: string,
  workload: string,
  expected: ConvGrads,
  run: ConvSteps | null,
  steps: number,
  note: string,
  peers?: string[],
): RoundRunner {
  return {
    name,
    ...(peers ? { peers } : {}),
    async measure(round): Promise<Measurement> {
      if (run === null) return { skipped: note };
      try {
        if (round === 0) await run(1);
        const [ms, grads] = await run(steps);
        const error = gradError(grads, expected);
        if (!(error < TOLERANCE))
          throw new Error(`${workload}: ${name} gradients differ from float64 by ${error}`);
        return {
          value: median(ms),
          note: `${note}; gradients vs float64 ${error.toExponential(1)}`,
        };
      } catch (error) {
        if (error instanceof Error && error.message.includes("differ from float64")) throw error;
        return { skipped: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

export const convSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const tf = await tfjsWasm();
    const jax = await jaxWasm();
    const rows: BenchRow[] = [];
    for (const shape of SHAPES) {
      const p = problem(shape);
      const workload = `conv2d 3×3 fwd+bwd [${shape[0]},${shape[1]},${shape[2]},${shape[2]}]→${shape[3]}`;
      const expected = reference(p);
      const backends = availableBackends().filter((name) => name !== "js") as BackendName[];
      const peers = ["pytorch", "tfjs-wasm", "jax-js-wasm-jit"];
      const torch = torchConv(p);
      const runners: RoundRunner[] = [
        ...backends.map((backend) =>
          stepRunner(
            `gradus-${backend}`,
            workload,
            expected,
            gradusConv(backend, p),
            backend === "native" ? 20 : 3,
            "1 thread",
            peers,
          ),
        ),
        stepRunner(
          "pytorch",
          workload,
          expected,
          torch,
          20,
          "torch.nn.functional.conv2d, set_num_threads(1)",
        ),
        stepRunner(
          "tfjs-wasm",
          workload,
          expected,
          tf === null ? null : tfjsConv(tf, p),
          1,
          tf === null
            ? "tfjs wasm did not start"
            : "conv3d over depth 1 (wasm has no Conv2DBackpropFilter)",
        ),
        stepRunner(
          "jax-js-wasm-jit",
          workload,
          expected,
          jaxConv(jax, p),
          1,
          "jit(grad(loss)), lax.conv",
        ),
      ];
      try {
        rows.push(
          ...(await runRounds(
            { suite: SUITE, workload, unit: "ms/step", better: "lower", rounds: ROUNDS },
            runners,
          )),
        );
      } finally {
        torch.dispose();
      }
    }
    setBackend(availableBackends().includes("native") ? "native" : "wasm");
    setNumThreads(availableParallelism());
    return rows;
  },
};
