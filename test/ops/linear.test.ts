// linear: the registry's gradient cases (first and second order, float32), values against matmul + add
// on every backend, and clear errors for shapes that do not fit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { opFamilies } from "../../src/ops/families.js";
import { linear } from "../../src/ops/linear.js";
import { randn, tensor } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import { ShapeError } from "../../src/tensor/errors.js";
import { onEveryBackend } from "../support/every-backend.js";
import { runFamily } from "../support/grad-cases.js";

runFamily(opFamilies.layers);

test("values by hand: [[1, 2]]·[[1, 0], [0, 1], [1, 1]]ᵀ + [10, 20, 30]", () => {
  const y = linear(
    tensor([[1, 2]]),
    tensor([
      [1, 0],
      [0, 1],
      [1, 1],
    ]),
    tensor([10, 20, 30]),
  );
  assert.deepEqual(y.toArray(), [[11, 22, 33]]);
  assert.deepEqual(linear(tensor([1, 2]), tensor([[3, 4]])).toArray(), [11]);
});

onEveryBackend("linear equals x·Wᵀ + b for inputs of rank 1–3 and strided views", (dtype) => {
  const g = new Generator(4);
  for (const shape of [[5], [7, 5], [3, 64, 5], [2, 40, 5]]) {
    const x = randn(shape, { dtype, generator: g });
    const input = shape.length === 3 && shape[0] === 2 ? x.transpose(0, 1) : x;
    const [w, b] = [randn([33, 5], { dtype, generator: g }), randn([33], { dtype, generator: g })];
    const expected = input.matmul(w.transpose()).add(b).dataSync();
    const actual = linear(input, w, b).dataSync();
    const tolerance = dtype === "float64" ? 1e-12 : 1e-4;
    actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) <= tolerance, `${i}`));
  }
});

test("bad shapes: one clear error naming linear and both shapes", () => {
  assert.throws(() => linear(randn([2, 3]), randn([4, 5])), ShapeError);
  assert.throws(
    () => linear(randn([2, 3]), randn([4, 5])),
    /linear: input \[2, 3\] and weight \[4, 5\] do not fit/,
  );
  assert.throws(() => linear(randn([2, 3]), randn([4, 3]), randn([3])), /bias \[3\] must be \[4\]/);
});
