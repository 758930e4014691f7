// Axis normalisation at rank 0: PyTorch accepts axis 0 and −1 on a 0-d tensor, and a reduction over it
// returns x itself; every reduction agrees with the same value held in a 1-element tensor.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ops from "../../src/ops/index.js";
import { tensor } from "../../src/tensor/creation.js";
import { ShapeError } from "../../src/tensor/errors.js";
import { normalizeAxes, normalizeAxis } from "../../src/tensor/shape.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { grad } from "../../src/functional/grad.js";

type Reduction = (x: Tensor, axis: number | number[] | undefined, keepDims: boolean) => Tensor;

const REDUCTIONS: Record<string, Reduction> = {
  sum: (x, a, k) => ops.sum(x, a, k),
  mean: (x, a, k) => ops.mean(x, a, k),
  max: (x, a, k) => ops.max(x, a, k),
  min: (x, a, k) => ops.min(x, a, k),
  logsumexp: (x, a, k) => ops.logsumexp(x, a, k),
  "variance(correction 0)": (x, a, k) => ops.variance(x, a, k, 0),
  "std(correction 0)": (x, a, k) => ops.std(x, a, k, 0),
  "variance(correction 1)": (x, a, k) => ops.variance(x, a, k, 1),
  softmax: (x, a) => ops.softmax(x, typeof a === "number" ? a : -1),
  logSoftmax: (x, a) => ops.logSoftmax(x, typeof a === "number" ? a : -1),
  argmax: (x, a, k) => ops.argmax(x, typeof a === "number" ? a : undefined, k),
  argmin: (x, a, k) => ops.argmin(x, typeof a === "number" ? a : undefined, k),
};

const axisArb = fc.constantFrom<number | number[] | undefined>(0, -1, [0], [-1], undefined);

test("on a 0-d tensor every reduction takes axis 0, −1 or none and equals the 1-element reduction", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.constantFrom(...Object.keys(REDUCTIONS)),
      axisArb,
      fc.boolean(),
      (value, name, axis, keepDims) => {
        const reduce = REDUCTIONS[name]!;
        const scalar = tensor(value, { dtype: "float64" });
        const result = reduce(scalar, axis, keepDims);
        assert.deepEqual(result.shape, []);
        const reference = reduce(tensor([value], { dtype: "float64" }), 0, false);
        assert.ok(
          Object.is(result.item(), reference.item()),
          `${name}: ${result.item()} vs ${reference.item()}`,
        );
      },
    ),
    { seed: 5, numRuns: 300 },
  );
});

test("on a 0-d tensor the gradient of a reduction over axis 0 or −1 is that of the identity (mean, sum, max)", () => {
  for (const axis of [0, -1]) {
    for (const f of [ops.sum, ops.mean, ops.max, ops.min]) {
      const gradient = grad((x: Tensor) => f(x, axis))(tensor(3, { dtype: "float64" })) as Tensor;
      assert.equal(gradient.item(), 1);
    }
  }
});

test("axis normalisation: [−max(rank, 1), max(rank, 1)) is valid, anything else names the op", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -6, max: 6 }), (rank, axis) => {
      const extent = Math.max(rank, 1);
      if (axis >= -extent && axis < extent) {
        assert.equal(normalizeAxis("op", axis, rank), (axis + extent) % extent);
        assert.deepEqual(
          normalizeAxes("op", axis, rank),
          rank === 0 ? [] : [(axis + extent) % extent],
        );
      } else {
        assert.throws(() => normalizeAxis("op", axis, rank), ShapeError);
        assert.throws(() => normalizeAxes("op", axis, rank), /op: axis .* out of range/);
      }
    }),
    { seed: 5, numRuns: 200 },
  );
});
