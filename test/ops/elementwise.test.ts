// Elementwise ops: first/second-order gradchecks and float32 agreement for every op, with broadcasting and views.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { opFamilies } from "../../src/ops/families.js";
import * as ops from "../../src/ops/index.js";
import { tensor } from "../../src/tensor/creation.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { tensorArb } from "../support/arbitraries.js";
import { runFamily } from "../support/grad-cases.js";

runFamily(opFamilies.elementwise);

const values = (x: Tensor): number[] => Array.from(x.dataSync());

test("literal values: sigmoid, tanh, relu, clamp, maximum against hand numbers", () => {
  const x = tensor([-2, 0, 0.5, 3], { dtype: "float64" });
  assert.deepEqual(
    values(x.sigmoid()),
    [-2, 0, 0.5, 3].map((v) => 1 / (1 + Math.exp(-v))),
  );
  assert.deepEqual(values(x.relu()), [0, 0, 0.5, 3]);
  assert.deepEqual(values(x.clamp(-1, 1)), [-1, 0, 0.5, 1]);
  assert.deepEqual(values(x.clamp(undefined, 0)), [-2, 0, 0, 0]);
  assert.deepEqual(
    values(x.maximum(tensor([[1], [-5]], { dtype: "float64" }))),
    [1, 1, 1, 3, -2, 0, 0.5, 3],
  );
  assert.ok(
    Math.abs(tensor(0.5, { dtype: "float64" }).tanh().item() - 0.46211715726000974) < 1e-15,
  );
  assert.deepEqual(values(tensor([1e4, -1e4]).sigmoid()), [1, 0]);
});

test("gradients at a kink follow PyTorch: relu'(0) = 0, ties in maximum split evenly", () => {
  const x = tensor([-1, 0, 2], { requiresGrad: true, dtype: "float64" });
  x.relu().sum().backward();
  assert.deepEqual(values(x.grad!), [0, 0, 1]);
  const a = tensor([1, 2], { requiresGrad: true, dtype: "float64" });
  const b = tensor([1, 1], { requiresGrad: true, dtype: "float64" });
  a.maximum(b).sum().backward();
  assert.deepEqual(values(a.grad!), [0.5, 1]);
  assert.deepEqual(values(b.grad!), [0.5, 0]);
});

test("comparisons return int32 masks with broadcasting and take numbers", () => {
  const x = tensor([1, 2, 3]);
  const y = tensor([[2], [3]]);
  assert.equal(x.lt(y).dtype, "int32");
  assert.deepEqual(x.lt(y).toArray(), [
    [1, 0, 0],
    [1, 1, 0],
  ]);
  assert.deepEqual(x.eq(2).toArray(), [0, 1, 0]);
  assert.deepEqual(x.ne(2).toArray(), [1, 0, 1]);
  assert.deepEqual(x.le(2).toArray(), [1, 1, 0]);
  assert.deepEqual(x.gt(2).toArray(), [0, 0, 1]);
  assert.deepEqual(x.ge(2).toArray(), [0, 1, 1]);
  const leaf = tensor([1, 2], { requiresGrad: true });
  assert.equal(leaf.gt(1).requiresGrad, false);
});

test("int32 stays int32 where exact, transcendental functions give float32", () => {
  const i = tensor([-2, 3], { dtype: "int32" });
  for (const exact of [i.neg(), i.abs(), i.relu(), i.square(), i.add(1), i.mul(i), i.sub(i)]) {
    assert.equal(exact.dtype, "int32");
  }
  assert.deepEqual(i.neg().toArray(), [2, -3]);
  assert.equal(i.maximum(0).dtype, "int32");
  for (const real of [i.exp(), i.sin(), i.tanh(), i.sigmoid(), i.abs().sqrt(), i.abs().log()]) {
    assert.equal(real.dtype, "float32");
  }
  assert.equal(i.add(0.5).dtype, "float32");
  assert.equal(tensor([1], { dtype: "float64" }).add(tensor([1])).dtype, "float64");
});

test("where broadcasts condition and branches and masks each branch's gradient", () => {
  const a = tensor([1, 2, 3], { requiresGrad: true, dtype: "float64" });
  const b = tensor(10, { requiresGrad: true, dtype: "float64" });
  const y = ops.where(tensor([[1], [0]], { dtype: "int32" }), a, b);
  assert.deepEqual(y.toArray(), [
    [1, 2, 3],
    [10, 10, 10],
  ]);
  y.sum().backward();
  assert.deepEqual(values(a.grad!), [1, 1, 1]);
  assert.equal(b.grad!.item(), 3);
});

test("shape errors name the op and both shapes", () => {
  assert.throws(() => tensor([1, 2]).maximum(tensor([1, 2, 3])), /maximum: shapes \[2\] and \[3\]/);
  assert.throws(() => tensor([1, 2]).lt(tensor([1, 2, 3])), /lt: shapes \[2\] and \[3\]/);
});

test("fast-check sanity: sigmoid lies in [0, 1] and is symmetric", () => {
  fc.assert(
    fc.property(tensorArb({ min: -50, max: 50 }), (x) => {
      const s = values(x.sigmoid());
      const mirrored = values(x.neg().sigmoid());
      s.forEach((v, i) => assert.ok(v >= 0 && v <= 1 && Math.abs(v + mirrored[i]! - 1) < 1e-12));
    }),
    { seed: 42, numRuns: 30 },
  );
});
