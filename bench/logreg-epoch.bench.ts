// One epoch of logistic-regression training with autodiff (N = 100,000, d = 256, B = 256, lr 0.1),
// samples/s: gradus (native, wasm) against TF.js wasm, jax-js wasm (jit) and numpy's closed form,
// measured in alternation over ROUNDS rounds; every runner's final weights are checked against a
// float64 reference epoch over the same batches.
import { availableParallelism } from "node:os";
import type { data } from "../src/node.js";
import { availableBackends, setBackend, setNumThreads, type BackendName } from "../src/node.js";
import { jaxLogregEpoch } from "./logreg-jax.js";
import { referenceEpoch, weightsError, type Weights } from "./logreg-reference.js";
import { jaxWasm, PythonInputs, runPython, tfjsWasm } from "./peers.js";
import { runRounds, type Measurement, type RoundRunner } from "./rounds.js";
import type { BenchRow, BenchSuite } from "./suite.js";
import { tfjsLogregEpoch } from "./logreg-tfjs.js";
import { epochProblem, gradusEpoch } from "./training.bench.js";

const [N, D, B, LR, ROUNDS] = [100_000, 256, 256, 0.1, 5];
/** One thread for every runner: the wasm peers run one in Node, and the machine is shared. */
const THREADS = 1;
const SUITE = "logreg-epoch";
const WORKLOAD = `logistic regression epoch, N=${N} d=${D} B=${B}`;
const TOLERANCE = 1e-4;

/** One gradus epoch on `backend` (the training suite's loop): indexSelect batches, autodiff, SGD. */
function gradusEpochOn(
  backend: BackendName,
  dataset: data.TensorDataset,
  order: Int32Array[],
): [number, Weights] {
  setBackend(backend);
  setNumThreads(THREADS);
  const [seconds, model] = gradusEpoch(dataset, order);
  return [seconds, { w: model.weight.dataSync(), b: model.bias!.item() }];
}

/** A runner whose figure is N / seconds, after one warm-up epoch in the first round, weights checked. */
function epochRunner(
  name: string,
  reference: Weights,
  epoch: () => Promise<[number, Weights]> | [number, Weights],
  peers?: readonly string[],
): RoundRunner {
  return {
    name,
    ...(peers ? { peers } : {}),
    async measure(round): Promise<Measurement> {
      if (round === 0) await epoch();
      const [seconds, weights] = await epoch();
      const error = weightsError(weights, reference);
      if (!(error < TOLERANCE))
        throw new Error(
          `${WORKLOAD}: ${name} weights differ from the float64 reference by ${error}`,
        );
      return { value: N / seconds, note: `weights vs float64 reference ${error.toExponential(1)}` };
    },
  };
}

export const logregEpochSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const { X, y, dataset, order } = epochProblem();
    const xs = X.dataSync() as Float32Array;
    const ys = y.dataSync() as Float32Array;
    const reference = referenceEpoch(xs, ys, order, D, LR);
    const backends = availableBackends().filter((name) => name !== "js") as BackendName[];
    const gradusPeers = ["tfjs-wasm", "jax-js-wasm-jit", "numpy-closed-form"];
    const runners: RoundRunner[] = backends.map((backend) =>
      epochRunner(
        `gradus-${backend}`,
        reference,
        () => gradusEpochOn(backend, dataset, order),
        gradusPeers,
      ),
    );

    const tf = await tfjsWasm();
    if (tf !== null) {
      const Xt = tf.tensor2d(xs, [N, D]);
      const yt = tf.tensor1d(ys);
      runners.push(epochRunner("tfjs-wasm", reference, tfjsLogregEpoch(tf, Xt, yt, order, LR)));
    } else
      runners.push({ name: "tfjs-wasm", measure: () => ({ skipped: "tfjs wasm did not start" }) });

    const jax = await jaxWasm();
    runners.push(epochRunner("jax-js-wasm-jit", reference, jaxLogregEpoch(jax, xs, ys, order, LR)));

    const inputs = new PythonInputs();
    const files = [
      inputs.write("X.bin", xs),
      inputs.write("y.bin", ys),
      inputs.write("order.bin", Int32Array.from(order.flatMap((batch) => [...batch]))),
    ];
    const threads = THREADS;
    runners.push({
      name: "numpy-closed-form",
      measure(): Measurement {
        const result = runPython<{ rates: number[]; w: number[]; b: number; version: string }>(
          "./logreg-numpy.py",
          [...files, String(N), String(D), String(B), String(LR), "2"],
          threads,
        );
        if ("skipped" in result) return result;
        const error = weightsError({ w: result.w, b: result.b }, reference);
        if (!(error < TOLERANCE))
          throw new Error(
            `${WORKLOAD}: numpy weights differ from the float64 reference by ${error}`,
          );
        const note = `numpy ${result.version}, ${threads} OpenBLAS thread(s), no autodiff; weights ${error.toExponential(1)}`;
        return { value: result.rates[result.rates.length - 1]!, note };
      },
    });
    try {
      return await runRounds(
        { suite: SUITE, workload: WORKLOAD, unit: "samples/s", better: "higher", rounds: ROUNDS },
        runners,
      );
    } finally {
      inputs.dispose();
      setBackend(backends[0] ?? "js");
      setNumThreads(availableParallelism());
    }
  },
};
