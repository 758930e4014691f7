// expand with −1 ("keep this size", as in PyTorch): the same view as the explicit extents; −1 on a new
// leading axis and other negative sizes are ShapeErrors naming expand.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ops from "../../src/ops/index.js";
import { ShapeError } from "../../src/tensor/errors.js";
import { tensorArb } from "../support/arbitraries.js";

const expandCase = tensorArb({ maxRank: 3 }).chain((x) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 3 })), {
        minLength: x.rank,
        maxLength: x.rank,
      }),
    )
    .map(([leading, axes]) => {
      const explicit = [
        ...leading,
        ...x.shape.map((extent, axis) => (extent === 1 ? axes[axis]![1] : extent)),
      ];
      const withKeep = explicit.map((extent, axis) => {
        const own = axis - leading.length;
        return own >= 0 && axes[own]![0] && x.shape[own] === extent ? -1 : extent;
      });
      return { x, explicit, withKeep, leading: leading.length };
    }),
);

test("expand: −1 keeps the axis's extent and gives the same view as the explicit shape", () => {
  fc.assert(
    fc.property(expandCase, ({ x, explicit, withKeep }) => {
      const expected = ops.expand(x, explicit);
      const kept = ops.expand(x, withKeep);
      assert.deepEqual(kept.shape, explicit);
      assert.deepEqual(kept.strides, expected.strides);
      assert.equal(kept.data, x.data);
      assert.deepEqual(kept.toArray(), expected.toArray());
    }),
    { seed: 12, numRuns: 200 },
  );
});

test("expand: −1 on a new leading axis, or any other negative size, is a ShapeError", () => {
  fc.assert(
    fc.property(expandCase, fc.integer({ min: -5, max: -2 }), ({ x, explicit, leading }, bad) => {
      if (leading > 0) {
        const shape = [-1, ...explicit.slice(1)];
        assert.throws(() => ops.expand(x, shape), /expand: -1 at axis 0 .* names no axis/);
      }
      if (explicit.length > 0) {
        const shape = [bad, ...explicit.slice(1)];
        assert.throws(() => ops.expand(x, shape), ShapeError);
      }
    }),
    { seed: 12, numRuns: 100 },
  );
});
