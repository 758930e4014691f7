// argmax/argmin with NaN (the first NaN's position, as PyTorch) and on empty axes (a ShapeError, as
// max and min of nothing), against a reference written elementwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ops from "../../../src/ops/index.js";
import { zeros } from "../../../src/tensor/creation.js";
import { ShapeError } from "../../../src/tensor/errors.js";
import { Tensor } from "../../../src/tensor/tensor.js";
import { shapeArb } from "../../support/arbitraries.js";

/** Values with ties and NaNs: a small integer grid, so equal extremes and NaN-first slices are common. */
const withNaNs = shapeArb(1, 3, 4).chain((shape) =>
  fc
    .tuple(
      fc.array(fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constant(Number.NaN)), {
        minLength: shape.reduce((a, b) => a * b, 1),
        maxLength: shape.reduce((a, b) => a * b, 1),
      }),
      fc.integer({ min: -shape.length, max: shape.length - 1 }),
    )
    .map(([values, axis]) => ({ x: new Tensor(Float64Array.from(values), shape), axis })),
);

/** The reference: per slice along `axis`, the first NaN if any, else the first extreme. */
function reference(x: Tensor, axis: number, largest: boolean): number[] {
  const at = (axis + x.rank) % x.rank;
  const extent = x.shape[at]!;
  const inner = x.shape.slice(at + 1).reduce((a, b) => a * b, 1);
  const outer = x.size / (extent * inner);
  const result: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      for (let k = 0; k < extent; k++) {
        const value = x.data[(o * extent + k) * inner + i]!;
        const current = x.data[(o * extent + best) * inner + i]!;
        if (Number.isNaN(current)) break;
        if (Number.isNaN(value) || (largest ? value > current : value < current)) best = k;
      }
      result.push(best);
    }
  }
  return result;
}

test("argmax/argmin return the first NaN's position, else the first extreme (PyTorch's rule)", () => {
  fc.assert(
    fc.property(withNaNs, ({ x, axis }) => {
      for (const [f, largest] of [
        [ops.argmax, true],
        [ops.argmin, false],
      ] as const) {
        const positions = f(x, axis);
        assert.deepEqual([...positions.data], reference(x, axis, largest));
        const flat = f(x);
        assert.deepEqual([...flat.data], reference(x.reshape([-1]), 0, largest));
      }
    }),
    { seed: 6, numRuns: 300 },
  );
});

test("argmax, argmin, max and min raise a ShapeError on an empty axis; other axes may be empty", () => {
  fc.assert(
    fc.property(shapeArb(1, 3, 3, 0), (shape) => {
      const x = zeros(shape);
      shape.forEach((extent, axis) => {
        for (const f of [ops.argmax, ops.argmin, ops.max, ops.min]) {
          if (extent === 0) assert.throws(() => f(x, axis), ShapeError);
          else
            assert.deepEqual(
              f(x, axis).shape,
              shape.filter((_, a) => a !== axis),
            );
        }
      });
      if (x.size === 0) {
        for (const f of [ops.argmax, ops.argmin, ops.max, ops.min])
          assert.throws(() => f(x), /of no elements is undefined/);
      }
    }),
    { seed: 6, numRuns: 100 },
  );
});

test("logsumexp over an empty axis is −∞ and softmax keeps the empty shape (PyTorch)", () => {
  assert.deepEqual(ops.logsumexp(zeros([0, 3]), 0).toArray(), [-Infinity, -Infinity, -Infinity]);
  assert.deepEqual(ops.softmax(zeros([0, 3]), 0).shape, [0, 3]);
});
