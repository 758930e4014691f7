// Indexing ops: gradient table (first/second order, float32), literal values and range errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { opFamilies } from "../../src/ops/families.js";
import * as ops from "../../src/ops/index.js";
import { arange, tensor } from "../../src/tensor/creation.js";
import { DTypeError } from "../../src/tensor/errors.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { tensorOfShape } from "../support/arbitraries.js";
import { runFamily } from "../support/grad-cases.js";

const int32 = (data: number[] | number[][]): Tensor => tensor(data, { dtype: "int32" });

runFamily(opFamilies.indexing);

test("slice, at and index follow Python's rules and stay views", () => {
  const x = arange(12).reshape([3, 4]);
  assert.deepEqual(x.slice(1, 1, -1).toArray(), [
    [1, 2],
    [5, 6],
    [9, 10],
  ]);
  assert.deepEqual(x.slice(0, -2).toArray(), [
    [4, 5, 6, 7],
    [8, 9, 10, 11],
  ]);
  assert.deepEqual(x.slice(1, 0, 100, 3).toArray(), [
    [0, 3],
    [4, 7],
    [8, 11],
  ]);
  assert.deepEqual(x.slice(0, 5).shape, [0, 4]);
  assert.equal(x.slice(1, 1, 3).data, x.data);
  assert.deepEqual(x.at(-1).toArray(), [8, 9, 10, 11]);
  assert.equal(x.at(1).data, x.data);
  assert.equal(x.index(1, 2).item(), 6);
  assert.deepEqual(x.index(null, { start: 1, step: 2 }).toArray(), [
    [1, 3],
    [5, 7],
    [9, 11],
  ]);
  assert.deepEqual(x.index(int32([2, 0])).toArray(), [
    [8, 9, 10, 11],
    [0, 1, 2, 3],
  ]);
  assert.throws(() => x.at(3), /index 3 is out of range for axis 0 of size 3/);
  assert.throws(() => x.slice(0, 0, 2, 0), /step must be a positive integer/);
});

test("gather picks class scores; indexSelect picks embedding rows; both accumulate on repeats", () => {
  const logits = tensor(
    [
      [0.1, 0.7, 0.2],
      [0.5, 0.3, 0.2],
    ],
    { dtype: "float64", requiresGrad: true },
  );
  const picked = logits.gather(1, int32([[1], [0]]));
  assert.deepEqual(picked.toArray(), [[0.7], [0.5]]);
  const table = tensor(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    { dtype: "float64", requiresGrad: true },
  );
  const rows = table.indexSelect(0, int32([2, 2, 0]));
  assert.deepEqual(rows.toArray(), [
    [5, 6],
    [5, 6],
    [1, 2],
  ]);
  rows.sum().backward();
  assert.deepEqual(table.grad!.toArray(), [
    [1, 1],
    [0, 0],
    [2, 2],
  ]);
  logits
    .gather(
      1,
      int32([
        [2, 2],
        [0, 1],
      ]),
    )
    .sum()
    .backward();
  assert.deepEqual(logits.grad!.toArray(), [
    [0, 0, 2],
    [1, 1, 0],
  ]);
  assert.deepEqual(ops.scatterAdd(tensor([[1], [1]]), 1, int32([[0], [2]]), 3).toArray(), [
    [1, 0, 0],
    [0, 0, 1],
  ]);
});

test("index errors name the value and the axis size, or the wrong dtype", () => {
  const x = tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.throws(
    () => x.gather(1, int32([[3], [0]])),
    /gather: index 3 is out of range for axis 1 of size 3/,
  );
  assert.throws(
    () => x.indexSelect(0, int32([-1])),
    /indexSelect: index -1 is out of range for axis 0 of size 2/,
  );
  assert.throws(() => x.gather(1, tensor([[0], [1]])), DTypeError);
  assert.throws(() => x.gather(1, tensor([[0], [1]])), /index must have dtype int32, got float32/);
  assert.throws(
    () => x.gather(0, int32([0, 1])),
    /gather: index \[2\] must have the rank of \[2, 3\]/,
  );
  assert.throws(() => x.gather(1, int32([[0], [1], [0]])), /larger than input \[2, 3\] at axis 0/);
});

test("gather's second derivative through scatterAdd and back", () => {
  const x = tensorOfShape([2, 3]);
  fc.assert(
    fc.property(x, (values) => {
      const leaf = values.detach().requiresGrad_();
      leaf
        .gather(
          1,
          int32([
            [0, 0],
            [2, 1],
          ]),
        )
        .square()
        .sum()
        .backward(undefined, { createGraph: true });
      const gradient = leaf.grad!;
      assert.ok(gradient.requiresGrad);
      leaf.grad = null;
      gradient.sum().backward();
      assert.deepEqual(leaf.grad!.toArray(), [
        [4, 0, 0],
        [0, 2, 2],
      ]);
    }),
    { seed: 42, numRuns: 5 },
  );
});
