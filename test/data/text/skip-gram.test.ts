// Skip-gram pairs: word2vec's keep probabilities, random window sizes, ignored ids and subsampling.
import { test } from "node:test";
import assert from "node:assert/strict";
import { skipGramPairs, subsampleKeepProbabilities } from "../../../src/data/text/skip-gram.js";
import { Generator } from "../../../src/tensor/random.js";

test("keep probabilities: z = 0.9 at t = 0.1 keeps (√9 + 1)·0.1/0.9; rare words are always kept", () => {
  const keep = subsampleKeepProbabilities([900, 100], 0.1);
  assert.ok(Math.abs(keep[0]! - 4 / 9) < 1e-12);
  assert.equal(keep[1], 1); // z = t: (1 + 1)·1 > 1
  assert.deepEqual(Array.from(subsampleKeepProbabilities([5, 0, 7], 0)), [1, 1, 1]);
  assert.throws(() => subsampleKeepProbabilities([1], -1), /threshold must be ≥ 0/);
});

test("window 1 pairs each word with its neighbours; ignored ids are removed first", () => {
  const pairs = skipGramPairs([[1, 2, 3]], { window: 1 });
  assert.deepEqual(Array.from(pairs.centers), [1, 2, 2, 3]);
  assert.deepEqual(Array.from(pairs.contexts), [2, 1, 3, 2]);
  const ignored = skipGramPairs([[1, 0, 2], [0]], { window: 1, ignoreIds: [0] });
  assert.deepEqual(Array.from(ignored.centers), [1, 2]);
  assert.deepEqual(Array.from(ignored.contexts), [2, 1]);
  assert.throws(() => skipGramPairs([[1]], { window: 0 }), /window must be a positive integer/);
});

test("the window size is uniform on 1 … window: distance-2 pairs are half as many as distance-1", () => {
  const sentence = Int32Array.from({ length: 20_000 }, (_, i) => i);
  const { centers, contexts } = skipGramPairs([sentence], {
    window: 2,
    generator: new Generator(6),
  });
  let [near, far] = [0, 0];
  centers.forEach((center, k) => (Math.abs(center - contexts[k]!) === 1 ? near++ : far++));
  assert.equal(near, 2 * (20_000 - 1));
  // each centre reaches 2 with probability 1/2: far ≈ 20,000 (two sides), sd ≈ 2·√(20,000/4)
  assert.ok(Math.abs(far - 20_000) < 4.5 * 2 * Math.sqrt(5_000), `far = ${far}`);
});

test("subsampling keeps each occurrence with its probability, seeded", () => {
  const sentence = new Int32Array(4_000).fill(1);
  const options = { window: 1, keepProbabilities: [1, 0.25], generator: new Generator(2) };
  const { centers } = skipGramPairs([sentence], options);
  const kept = centers.length / 2 + 1;
  assert.ok(Math.abs(kept - 1_000) < 4.5 * Math.sqrt(4_000 * 0.25 * 0.75), `kept ${kept}`);
  const replay = skipGramPairs([sentence], { ...options, generator: new Generator(2) });
  assert.deepEqual(replay.centers, centers);
  assert.throws(
    () => skipGramPairs([[0, 5]], { keepProbabilities: [1, 1] }),
    /sentence 0 has id 5, which has no keep probability \(2 ids\)/,
  );
});
