// Batches for the tagger: every sentence once per pass, similar lengths together, padded positions known.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator } from "../../../src/index.js";
import { bucketedOrder, tagBatch } from "../../../src/cli/commands/tag-batches.js";

const lengths = Array.from({ length: 1000 }, (_, i) => 1 + ((i * 37) % 50));

test("a shuffled pass visits every sentence once, in batches of sentences of similar length", () => {
  const batches = bucketedOrder(lengths, 8, new Generator(1));
  const seen = batches.flatMap((batch) => Array.from(batch)).sort((a, b) => a - b);
  assert.deepEqual(
    seen,
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.ok(batches.every((batch) => batch.length <= 8));
  // sorted within pools of 400 sentences: the spread inside a batch is small next to the range 1 … 50
  const spread = (batch: Int32Array) =>
    Math.max(...Array.from(batch, (i) => lengths[i]!)) -
    Math.min(...Array.from(batch, (i) => lengths[i]!));
  const meanSpread = batches.reduce((sum, batch) => sum + spread(batch), 0) / batches.length;
  assert.ok(meanSpread < 3, String(meanSpread));
  assert.notDeepEqual(batches, bucketedOrder(lengths, 8, new Generator(2)));
  assert.deepEqual(batches, bucketedOrder(lengths, 8, new Generator(1)));
});

test("without a generator, all sentences sorted by length", () => {
  const order = bucketedOrder([3, 1, 2, 1], 2, null).map((batch) => Array.from(batch));
  assert.deepEqual(order, [
    [1, 3],
    [2, 0],
  ]);
});

test("tagBatch pads to the longest sentence and lists the real positions b·T + t", () => {
  const sentence = (n: number) => ({
    words: Int32Array.from({ length: n }, (_, i) => i + 2),
    suffixes: new Int32Array(n).fill(5),
    shapes: new Int32Array(n).fill(1),
  });
  const batch = tagBatch([sentence(2), sentence(3)]);
  assert.deepEqual(batch.words.shape, [2, 3]);
  assert.deepEqual(Array.from(batch.words.dataSync()), [2, 3, 0, 2, 3, 4]);
  assert.deepEqual(Array.from(batch.lengths), [2, 3]);
  assert.deepEqual(Array.from(batch.positions.dataSync()), [0, 1, 3, 4, 5]);
});
