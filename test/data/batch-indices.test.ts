// Epoch batches: every index once, in order or seeded-shuffled, the last batch kept or dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { batchCount, batchIndices, checkBatchSize } from "../../src/data/batch-indices.js";
import { Generator } from "../../src/tensor/random.js";

test("in order, shuffled, with and without the last batch", () => {
  const order = { batchSize: 3, shuffle: false, dropLast: false, generator: new Generator(0) };
  assert.deepEqual(
    batchIndices(7, order).map((b) => Array.from(b)),
    [[0, 1, 2], [3, 4, 5], [6]],
  );
  assert.equal(batchCount(7, { ...order, dropLast: true }), 2);
  assert.deepEqual(
    batchIndices(7, { ...order, dropLast: true }).map((b) => b.length),
    [3, 3],
  );
  const shuffled = batchIndices(50, { ...order, shuffle: true, generator: new Generator(5) });
  const all = shuffled.flatMap((b) => Array.from(b));
  assert.deepEqual(
    [...all].sort((a, b) => a - b),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.notDeepEqual(
    all,
    Array.from({ length: 50 }, (_, i) => i),
  );
  const again = batchIndices(50, { ...order, shuffle: true, generator: new Generator(5) });
  assert.deepEqual(
    again.flatMap((b) => Array.from(b)),
    all,
  );
  assert.throws(
    () => checkBatchSize(0, "Loader"),
    /Loader: batchSize must be a positive integer, got 0/,
  );
});
