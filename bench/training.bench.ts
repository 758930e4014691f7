// Logistic-regression training throughput (N = 100,000, d = 256, B = 256, one epoch, lr 0.1): gradus vs TF.js.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { data, Generator, getBackend, nn, noGrad, optim, randn, Tensor } from "../src/index.js";
import { median, type BenchRow, type BenchSuite } from "./suite.js";

const [N, D, B, LR, REPEATS] = [100_000, 256, 256, 0.1, 3];
const SUITE = "training";
const WORKLOAD = `logistic regression, N=${N} d=${D} B=${B}, 1 epoch`;

/** Separable-with-noise data: y = [x·w* + ε > 0], float32 like TF.js. */
export function makeProblem(): { X: Tensor; y: Tensor } {
  const generator = new Generator(2024);
  const X = randn([N, D], { generator });
  const truth = randn([D], { generator }).div(Math.sqrt(D));
  const scores = X.matmul(truth)
    .add(randn([N], { generator }).mul(0.5))
    .dataSync();
  return {
    X,
    y: new Tensor(
      Float32Array.from(scores, (s) => (s > 0 ? 1 : 0)),
      [N],
    ),
  };
}

/**
 * One epoch of gradus SGD (LR) over the batches in `order`, through the public API; returns [seconds,
 * the trained model]. The logreg-epoch suite times the same loop on each backend.
 */
export function gradusEpoch(
  dataset: data.TensorDataset,
  order: Int32Array[],
): [number, nn.LogisticRegression] {
  const model = new nn.LogisticRegression(D);
  const optimizer = new optim.SGD(model.parameters(), { lr: LR });
  const start = performance.now();
  for (const indices of order) {
    const [x, y] = dataset.getBatch(indices);
    optimizer.zeroGrad();
    nn.binaryCrossEntropyWithLogits(model.forward(x!), y!).backward();
    optimizer.step();
  }
  return [(performance.now() - start) / 1000, model];
}

function fullDataLoss(dataset: data.TensorDataset, model: nn.LogisticRegression): number {
  const [X, y] = dataset.tensors as [Tensor, Tensor];
  return noGrad(() => nn.binaryCrossEntropyWithLogits(model.forward(X), y).item());
}

/** The same epoch (same batch order) in TF.js on its current backend. */
async function tfjsEpoch(
  X: tf.Tensor2D,
  y: tf.Tensor1D,
  order: Int32Array[],
): Promise<[number, number]> {
  const w = tf.variable(tf.zeros([D]));
  const b = tf.variable(tf.scalar(0));
  const optimizer = tf.train.sgd(LR);
  const batches = order.map((indices) => tf.tensor1d(indices, "int32"));
  const start = performance.now();
  for (const index of batches) {
    tf.tidy(() => {
      const xb = tf.gather(X, index);
      const yb = tf.gather(y, index);
      optimizer.minimize(() =>
        tf.losses.sigmoidCrossEntropy(yb, tf.add(tf.matMul(xb, w.expandDims(1)).squeeze([1]), b)),
      );
    });
  }
  await w.data();
  const seconds = (performance.now() - start) / 1000;
  const loss = tf.tidy(
    () =>
      tf.losses
        .sigmoidCrossEntropy(y, tf.add(tf.matMul(X, w.expandDims(1)).squeeze([1]), b))
        .dataSync()[0]!,
  );
  tf.dispose([w, b, ...batches]);
  optimizer.dispose();
  return [seconds, loss];
}

async function measure(
  run: () => Promise<[number, number]> | [number, number],
): Promise<[number, number]> {
  await run();
  const rates: number[] = [];
  let loss = NaN;
  for (let r = 0; r < REPEATS; r++) {
    const [seconds, value] = await run();
    rates.push(N / seconds);
    loss = value;
  }
  return [median(rates), loss];
}

/** The problem as a dataset and one epoch's shuffled batch order (seeded), shared by the training suites. */
export function epochProblem(): {
  X: Tensor;
  y: Tensor;
  dataset: data.TensorDataset;
  order: Int32Array[];
} {
  const { X, y } = makeProblem();
  const dataset = new data.TensorDataset(X, y);
  const loader = new data.DataLoader(dataset, {
    batchSize: B,
    shuffle: true,
    generator: new Generator(1),
  });
  return { X, y, dataset, order: loader.epochIndices() };
}

/** gradus against TF.js cpu and wasm on identical data and batch order; ratios are gradus ÷ peer samples/s. */
export const trainingSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const { X, y, dataset, order } = epochProblem();
    const [gradusRate, gradusLoss] = await measure(() => {
      const [seconds, model] = gradusEpoch(dataset, order);
      return [seconds, fullDataLoss(dataset, model)];
    });
    const rows: BenchRow[] = [];
    const wasmDist = join(
      dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm")),
      "/",
    );
    setWasmPaths(wasmDist);
    for (const backend of ["cpu", "wasm"] as const) {
      await tf.setBackend(backend);
      await tf.ready();
      const Xt = tf.tensor2d(X.dataSync() as Float32Array, [N, D]);
      const yt = tf.tensor1d(y.dataSync() as Float32Array);
      const [rate, loss] = await measure(() => tfjsEpoch(Xt, yt, order));
      tf.dispose([Xt, yt]);
      const peer = `tfjs-${backend}`;
      rows.push({
        suite: SUITE,
        workload: WORKLOAD,
        runner: peer,
        value: rate,
        unit: "samples/s",
        note: `final loss ${loss.toFixed(5)}`,
      });
      rows.push({
        suite: SUITE,
        workload: WORKLOAD,
        runner: `gradus ${getBackend()}`,
        value: gradusRate,
        unit: "samples/s",
        ratio: { peer, value: gradusRate / rate },
        note: `final loss ${gradusLoss.toFixed(5)} vs ${loss.toFixed(5)} (ratio > 1: gradus faster)`,
      });
      if (!(Math.abs(gradusLoss - loss) < 1e-3)) {
        throw new Error(`${WORKLOAD}: gradus loss ${gradusLoss} and ${peer} loss ${loss} disagree`);
      }
    }
    return rows;
  },
};
