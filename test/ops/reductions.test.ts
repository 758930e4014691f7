// Reductions and matmul: gradient table (first/second order, float32) and literal values computed by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { opFamilies } from "../../src/ops/families.js";
import * as ops from "../../src/ops/index.js";
import { tensor } from "../../src/tensor/creation.js";
import { ShapeError } from "../../src/tensor/errors.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { runFamily } from "../support/grad-cases.js";

runFamily(opFamilies.reductions);

const f64 = (data: number[] | number[][]): Tensor => tensor(data, { dtype: "float64" });
const close = (actual: number, expected: number, tolerance = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

test("softmax of [1, 2, 3] and logsumexp of [1000, 1000] against hand numbers", () => {
  const expected = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
  const probabilities = ops.softmax(f64([1, 2, 3])).dataSync();
  expected.forEach((p, i) => close(probabilities[i]!, p));
  close(f64([1000, 1000]).logsumexp().item(), 1000 + Math.LN2);
  close(f64([-1000, -1000]).logsumexp().item(), -1000 + Math.LN2);
  close(f64([1000, 0]).logSoftmax().dataSync()[1]!, -1000);
  assert.equal(f64([-Infinity, -Infinity]).logsumexp().item(), -Infinity);
});

test("gradients of logsumexp, softmax and logSoftmax stay finite at ±1000", () => {
  for (const f of [
    (x: Tensor) => x.logsumexp(),
    (x: Tensor) =>
      x
        .softmax()
        .mul(f64([1, 2, 3]))
        .sum(),
    (x: Tensor) =>
      x
        .logSoftmax()
        .mul(f64([1, 2, 3]))
        .sum(),
  ]) {
    const x = tensor([1000, -1000, 999], { dtype: "float64", requiresGrad: true });
    f(x).backward();
    assert.ok(Array.from(x.grad!.dataSync()).every(Number.isFinite));
  }
  const x = tensor([1000, 1000], { dtype: "float64", requiresGrad: true });
  x.logsumexp().backward();
  assert.deepEqual(Array.from(x.grad!.dataSync()), [0.5, 0.5]);
});

test("max and min: values along axes, ties share the gradient evenly", () => {
  const x = f64([
    [1, 5, 3],
    [7, 2, 7],
  ]);
  assert.deepEqual(x.max(1).toArray(), [5, 7]);
  assert.deepEqual(x.min(0, true).toArray(), [[1, 2, 3]]);
  assert.equal(x.max().item(), 7);
  assert.deepEqual(x.max([-1, 0]).toArray(), 7);
  const leaf = tensor([3, 1, 3], { dtype: "float64", requiresGrad: true });
  leaf.max().backward();
  assert.deepEqual(Array.from(leaf.grad!.dataSync()), [0.5, 0, 0.5]);
});

test("argmax and argmin give int32 positions, the first on ties", () => {
  const x = f64([
    [1, 5, 5],
    [7, 2, 0],
  ]);
  assert.deepEqual(x.argmax(1).toArray(), [1, 0]);
  assert.equal(x.argmax(1).dtype, "int32");
  assert.deepEqual(x.argmin(-1, true).toArray(), [[0], [2]]);
  assert.deepEqual(x.argmax(0).toArray(), [1, 0, 0]);
  assert.equal(x.argmax().item(), 3);
  assert.equal(x.argmin().item(), 5);
  assert.equal(tensor(4).argmax().item(), 0);
});

test("mean, variance and std against hand numbers", () => {
  const x = f64([
    [1, 2],
    [3, 6],
  ]);
  assert.deepEqual(x.mean().item(), 3);
  assert.deepEqual(x.mean(0).toArray(), [2, 4]);
  assert.deepEqual(x.mean(-1, true).toArray(), [[1.5], [4.5]]);
  close(x.var().item(), 14 / 3);
  close(x.var(undefined, false, 0).item(), 3.5);
  close(f64([2, 4, 4, 4, 5, 5, 7, 9]).std(undefined, false, 0).item(), 2);
  assert.equal(tensor([1, 2], { dtype: "int32" }).mean().dtype, "float32");
});

test("bad axes name the axis and the rank", () => {
  const x = f64([[1, 2]]);
  assert.throws(() => x.sum(2), /sum: axis 2 is out of range for a tensor of rank 2/);
  assert.throws(() => x.max(-3), ShapeError);
  assert.throws(() => x.mean([0, -2]), /mean: repeated axis/);
  assert.throws(() => x.softmax(5), /axis 5 is out of range for a tensor of rank 2/);
});
