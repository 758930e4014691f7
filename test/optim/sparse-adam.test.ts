// Row-sparse embedding gradients with SparseAdam and SGD agree with PyTorch 2.13 (float64, three steps
// over batches with repeated rows; fixture by scripts/sparse-embedding-fixture.py); Adam refuses
// sparse gradients and SparseAdam dense ones, as PyTorch's do; SparseAdam's state round-trips.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { nn, optim, Tensor, tensor, type Tensor as TensorType } from "../../src/index.js";

interface Run {
  readonly initial: number[];
  readonly lossWeights: number[][];
  readonly grads: number[][];
  readonly params: number[][];
}
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/pytorch-sparse-embedding.json", import.meta.url), "utf8"),
) as { rows: number; dim: number; batches: number[][]; sparseAdam: Run; sgd: Run };

function assertNear(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  expected.forEach((e, i) =>
    assert.ok(
      Math.abs(actual[i]! - e) <= 1e-12 * Math.max(1, Math.abs(e)),
      `${what}[${i}]: ${actual[i]} vs ${e}`,
    ),
  );
}

/** Trains an nn.Embedding(sparse) as the fixture did; checks each step's gradient and parameters. */
function replay(
  run: Run,
  make: (parameters: TensorType[]) => optim.Optimizer,
  label: string,
): void {
  const embedding = new nn.Embedding(fixture.rows, fixture.dim, { sparse: true, dtype: "float64" });
  embedding.weight.data.set(run.initial);
  const optimizer = make(embedding.parameters());
  fixture.batches.forEach((batch, step) => {
    optimizer.zeroGrad();
    const rows = embedding.forward(tensor(batch, { dtype: "int32" }));
    const w = new Tensor(Float64Array.from(run.lossWeights[step]!), [batch.length, fixture.dim]);
    rows.tanh().mul(w).sum().add(rows.mul(rows).sum().mul(0.1)).backward();
    assert.equal(embedding.weight.grad, null, `${label}: no dense gradient`);
    assertNear(
      embedding.weight.sparseGrad!.toDense().dataSync(),
      run.grads[step]!,
      `${label} step ${step} gradient`,
    );
    optimizer.step();
    assertNear(embedding.weight.dataSync(), run.params[step]!, `${label} step ${step} parameters`);
  });
}

test("SparseAdam on a sparse embedding equals PyTorch's, step by step", () => {
  replay(
    fixture.sparseAdam,
    (p) => new optim.SparseAdam(p, { lr: 0.1, betas: [0.8, 0.9], eps: 1e-6 }),
    "SparseAdam",
  );
});

test("SGD on row-sparse gradients equals PyTorch's, step by step", () => {
  replay(fixture.sgd, (p) => new optim.SGD(p, { lr: 0.5 }), "SGD");
});

test("Adam refuses row-sparse gradients and SparseAdam dense ones, naming what to use", () => {
  const sparse = new nn.Embedding(5, 2, { sparse: true });
  sparse
    .forward(tensor([1], { dtype: "int32" }))
    .sum()
    .backward();
  assert.throws(
    () => new optim.Adam(sparse.parameters(), { lr: 0.1 }).step(),
    /Adam: parameter 0 has a row-sparse gradient .* optim.SparseAdam/,
  );
  const dense = new nn.Embedding(5, 2);
  dense
    .forward(tensor([1], { dtype: "int32" }))
    .sum()
    .backward();
  assert.throws(
    () => new optim.SparseAdam(dense.parameters(), { lr: 0.1 }).step(),
    /SparseAdam: parameter 0 has a dense gradient/,
  );
});

test("SparseAdam's state round-trips through stateDict", () => {
  const make = () => {
    const embedding = new nn.Embedding(fixture.rows, fixture.dim, {
      sparse: true,
      dtype: "float64",
    });
    embedding.weight.data.set(fixture.sparseAdam.initial);
    return [embedding, new optim.SparseAdam(embedding.parameters(), { lr: 0.1 })] as const;
  };
  const step = (embedding: nn.Embedding, optimizer: optim.SparseAdam, batch: number[]) => {
    optimizer.zeroGrad();
    embedding
      .forward(tensor(batch, { dtype: "int32" }))
      .square()
      .sum()
      .backward();
    optimizer.step();
  };
  const [a, optimizerA] = make();
  const [b, optimizerB] = make();
  step(a, optimizerA, fixture.batches[0]!);
  step(b, optimizerB, fixture.batches[0]!);
  const saved = JSON.parse(JSON.stringify(optimizerA.stateDict())) as optim.OptimizerState;
  const [c, optimizerC] = make();
  c.loadStateDict(b.stateDict());
  optimizerC.loadStateDict(saved);
  step(a, optimizerA, fixture.batches[1]!);
  step(c, optimizerC, fixture.batches[1]!);
  assert.deepEqual(c.weight.toArray(), a.weight.toArray());
});
