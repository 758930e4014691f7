// nn.Embedding with sparse: true: the row-sparse gradient is the dense one restricted to the looked-up
// rows (repeats summed), accumulates over backward calls, turns dense when the table is also used
// densely, stays exact under grad() and createGraph, and SGD and clipGradNorm treat it as the dense one; ids outside the table are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, grad, nn, optim, RowSparseGrad, tensor, type Tensor } from "../../src/index.js";

const index = tensor([4, 1, 4, 9], { dtype: "int32" });

/** A sparse and a dense embedding with the same float64 table. */
function pair(): [nn.Embedding, nn.Embedding] {
  const sparse = new nn.Embedding(10, 3, { sparse: true, dtype: "float64" });
  const dense = new nn.Embedding(10, 3, { dtype: "float64" });
  dense.weight.data.set(sparse.weight.dataSync());
  return [sparse, dense];
}

const loss = (embedding: nn.Embedding, at: Tensor = index): Tensor =>
  embedding.forward(at).tanh().sum();

test("the row-sparse gradient holds the looked-up rows and equals the dense gradient", () => {
  const [sparse, dense] = pair();
  loss(sparse).backward();
  loss(dense).backward();
  const g = sparse.weight.sparseGrad!;
  assert.ok(g instanceof RowSparseGrad);
  assert.equal(sparse.weight.grad, null);
  assert.deepEqual(Array.from(g.indices), [4, 1, 4, 9]);
  assert.deepEqual(Array.from(g.coalesce().indices), [1, 4, 9]);
  assert.deepEqual(g.toDense().toArray(), dense.weight.grad!.toArray());
  assert.equal(g.squaredNorm(), dense.weight.grad!.square().sum().item());
  loss(sparse, tensor([[2, 4]], { dtype: "int32" })).backward();
  loss(dense, tensor([[2, 4]], { dtype: "int32" })).backward();
  assert.deepEqual(
    sparse.weight.sparseGrad!.toDense().toArray(),
    dense.weight.grad!.toArray(),
    "accumulated",
  );
  sparse.zeroGrad();
  assert.equal(sparse.weight.sparseGrad, null);
});

test("a table also used densely gets one dense gradient", () => {
  const [sparse, dense] = pair();
  loss(sparse).add(sparse.weight.square().sum()).backward();
  loss(dense).add(dense.weight.square().sum()).backward();
  assert.equal(sparse.weight.sparseGrad, null);
  assert.deepEqual(sparse.weight.grad!.toArray(), dense.weight.grad!.toArray());
});

test("grad() and createGraph through a sparse lookup give the dense derivatives", () => {
  const [sparse, dense] = pair();
  const through = (embedding: nn.Embedding) => (w: Tensor) =>
    nn.functionalCall(embedding, { weight: w }, index).tanh().sum();
  assert.deepEqual(
    grad(through(sparse))(sparse.weight).toArray(),
    grad(through(dense))(dense.weight).toArray(),
  );
  loss(sparse).backward(undefined, { createGraph: true });
  loss(dense).backward(undefined, { createGraph: true });
  const secondOrder = (embedding: nn.Embedding): number[] => {
    const weight = embedding.weight;
    const g = weight.grad!;
    weight.grad = null;
    g.square().sum().backward();
    return Array.from((weight.sparseGrad?.toDense() ?? weight.grad!).dataSync());
  };
  assert.deepEqual(secondOrder(sparse), secondOrder(dense));
});

test("SGD (with or without momentum) and clipGradNorm treat the sparse gradient as the dense one", () => {
  for (const momentum of [0, 0.9]) {
    const [sparse, dense] = pair();
    const optimizers = [sparse, dense].map(
      (e) => new optim.SGD(e.parameters(), { lr: 0.3, momentum }),
    );
    for (let step = 0; step < 3; step++) {
      const norms = [sparse, dense].map((embedding, i) => {
        optimizers[i]!.zeroGrad();
        loss(embedding).backward();
        const norm = optim.clipGradNorm(embedding.parameters(), 0.5);
        optimizers[i]!.step();
        return norm;
      });
      assert.ok(Math.abs(norms[0]! - norms[1]!) <= 1e-15 * norms[1]!, `norms ${norms.join(", ")}`);
      // repeated rows are added one after another, as PyTorch adds an uncoalesced gradient
      const difference = sparse.weight.sub(dense.weight).abs().max().item();
      assert.ok(difference <= 1e-15, `momentum ${momentum}, step ${step}: ${difference}`);
    }
  }
});

test("ids outside the table are one error naming the id, its position and the table's size (dense and sparse)", () => {
  for (const sparse of [false, true]) {
    const embedding = new nn.Embedding(10, 4, { sparse, generator: new Generator(0) });
    for (const [ids, bad, at] of [
      [[3, 12], 12, 1],
      [[-1, 2], -1, 0],
      [
        [
          [1, 2],
          [10, 0],
        ],
        10,
        2,
      ],
    ] as const) {
      assert.throws(
        () => embedding.forward(tensor(ids as unknown as number[], { dtype: "int32" })),
        new RangeError(
          `Embedding: id ${bad} (at position ${at}) is outside the table of 10 embeddings (ids 0 … 9)`,
        ),
      );
    }
    assert.deepEqual(embedding.forward(tensor([0, 9], { dtype: "int32" })).shape, [2, 4]);
  }
});
