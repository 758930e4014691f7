// The seeded stratified split: class shares, disjoint cover, determinism.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { stratifiedSplit } from "../../../src/data/datasets/stratified-split.js";

test("each class sends round(fraction · count) samples to the test part; parts cover 0 … n − 1", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 60 }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
      (labels, testFraction, seed) => {
        const { train, test } = stratifiedSplit(labels, { testFraction, seed });
        assert.deepEqual(
          [...train, ...test].sort((a, b) => a - b),
          labels.map((_, i) => i),
        );
        for (const label of new Set(labels)) {
          const count = labels.filter((l) => l === label).length;
          assert.equal(
            [...test].filter((i) => labels[i] === label).length,
            Math.round(count * testFraction),
          );
        }
        assert.deepEqual(stratifiedSplit(labels, { testFraction, seed }), { train, test });
      },
    ),
    { seed: 42, numRuns: 100 },
  );
});

test("different seeds choose different samples; bad fractions are refused", () => {
  const labels = Array.from({ length: 100 }, (_, i) => i % 2);
  const a = stratifiedSplit(labels, { seed: 1 }).test;
  const b = stratifiedSplit(labels, { seed: 2 }).test;
  assert.equal(a.length, 20);
  assert.notDeepEqual([...a], [...b]);
  assert.throws(() => stratifiedSplit(labels, { testFraction: 1 }), {
    message: "stratifiedSplit: testFraction must be in (0, 1), got 1",
  });
});
