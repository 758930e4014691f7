// Sparse logistic regression on SpamAssassin TF-IDF: forward + backward samples/s, sparseMatmul vs dense matmul.
import type { CsrMatrix } from "../src/index.js";
import { Generator, data, nn, sparseMatmul, Tensor, zeros } from "../src/index.js";
import { loadSpamAssassin } from "../src/data/node/index.js";
import { timeMedian, type BenchRow, type BenchSuite } from "./suite.js";

const SUITE = "sparse";
const [BATCH, DENSE_ROWS] = [256, 1024];

/** One forward + backward of the logistic loss on every batch (the last batch's gradient stays in w.grad). */
function epoch<X>(
  batches: readonly [X, Tensor][],
  logits: (x: X, w: Tensor) => Tensor,
  w: Tensor,
): void {
  for (const [x, y] of batches) {
    w.zeroGrad();
    nn.binaryCrossEntropyWithLogits(logits(x, w), y).backward();
  }
}

/** TF-IDF features of the training mails; the same DENSE_ROWS samples in batches of BATCH, sparse and dense. */
export const sparseSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const { train } = await loadSpamAssassin({ seed: 0 });
    const X = new data.TfidfVectorizer({ minCount: 2, sublinearTf: true }).fitTransform(
      train.texts,
    );
    const order = new data.DataLoader(new data.TensorDataset(train.labels), {
      batchSize: BATCH,
      shuffle: true,
      generator: new Generator(1),
    })
      .epochIndices()
      .slice(0, DENSE_ROWS / BATCH);
    const label = (indices: Int32Array): Tensor =>
      train.labels.indexSelect(0, new Tensor(indices, [indices.length]));
    const sparse = order.map((indices): [CsrMatrix, Tensor] => [
      X.selectRows(indices),
      label(indices),
    ]);
    const dense = sparse.map(([x, y]): [Tensor, Tensor] => [x.toDense(), y]);
    const w = zeros([X.cols], { requiresGrad: true });
    const samples = sparse.length * BATCH;
    const sparseMs = await timeMedian(() => epoch(sparse, sparseMatmul, w), 15, 3);
    const sparseGrad = w.grad!.dataSync();
    const denseMs = await timeMedian(() => epoch(dense, (x, v) => x.matmul(v), w), 5, 1);
    const denseGrad = w.grad!.dataSync();
    const gap = Array.from(sparseGrad).reduce(
      (worst, g, i) => Math.max(worst, Math.abs(g - denseGrad[i]!)),
      0,
    );
    if (!(gap < 1e-6)) throw new Error(`${SUITE}: sparse and dense gradients differ by ${gap}`);
    const nnzPerRow = sparse.reduce((total, [x]) => total + x.nnz, 0) / samples;
    const workload = `logistic regression fwd+bwd, spam TF-IDF ${X.cols} cols, B=${BATCH}`;
    const [sparseRate, denseRate] = [(samples / sparseMs) * 1000, (samples / denseMs) * 1000];
    return [
      {
        suite: SUITE,
        workload,
        runner: "gradus dense matmul",
        value: denseRate,
        unit: "samples/s",
        note: `densified batches (${DENSE_ROWS} rows)`,
      },
      {
        suite: SUITE,
        workload,
        runner: "gradus sparseMatmul",
        value: sparseRate,
        unit: "samples/s",
        ratio: { peer: "gradus dense matmul", value: sparseRate / denseRate },
        note: `${nnzPerRow.toFixed(0)} stored entries per row (${((100 * nnzPerRow) / X.cols).toFixed(2)}% dense); gradients agree to ${gap.toExponential(1)}`,
      },
    ];
  },
};
