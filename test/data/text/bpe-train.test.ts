// BPE training: the incremental trainer learns exactly the merges of a naive recount-everything trainer.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { learnMerges, mergePair, type WeightedChunk } from "../../../src/data/text/bpe-train.js";
import { smallAlphabetText } from "../../support/text-arbitraries.js";

/** The textbook trainer: recount every pair of every chunk before each merge, O(merges × corpus). */
function naiveMerges(chunks: WeightedChunk[], maxMerges: number, minPairCount: number) {
  let words = chunks.map(({ symbols, count }) => ({ symbols: [...symbols], count }));
  const merges: [number, number][] = [];
  while (merges.length < maxMerges) {
    const counts = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]},${symbols[i + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + count);
      }
    }
    let best: [number, number] | undefined;
    let bestCount = 0;
    for (const [key, count] of counts) {
      const pair = key.split(",").map(Number) as [number, number];
      const earlier =
        best !== undefined && (pair[0] < best[0] || (pair[0] === best[0] && pair[1] < best[1]));
      if (count > bestCount || (count === bestCount && earlier)) [best, bestCount] = [pair, count];
    }
    if (best === undefined || bestCount < minPairCount) break;
    const token = 256 + merges.length;
    words = words.map(({ symbols, count }) => ({
      symbols: mergePair(symbols, best[0], best[1], token),
      count,
    }));
    merges.push(best);
  }
  return { merges, words };
}

const chunksOf = (texts: string[]): WeightedChunk[] => {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const word of text.split(/(?= )/)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].map(([word, count]) => ({
    symbols: Array.from(new TextEncoder().encode(word)),
    count,
  }));
};

test("mergePair joins left-to-right, non-overlapping", () => {
  assert.deepEqual(mergePair([1, 1, 1, 2, 1, 1], 1, 1, 9), [9, 1, 2, 9]);
  assert.deepEqual(mergePair([1, 2, 1, 2], 1, 2, 7), [7, 7]);
  const unchanged = [3, 4];
  assert.equal(mergePair(unchanged, 1, 2, 7), unchanged);
});

test("the incremental trainer matches the naive trainer, merge for merge", () => {
  fc.assert(
    fc.property(
      fc.array(smallAlphabetText(), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 3 }),
      (texts, maxMerges, minPairCount) => {
        const fast = chunksOf(texts);
        const slow = naiveMerges(chunksOf(texts), maxMerges, minPairCount);
        assert.deepEqual(learnMerges(fast, maxMerges, minPairCount), slow.merges);
        assert.deepEqual(
          fast.map((chunk) => chunk.symbols),
          slow.words.map((chunk) => chunk.symbols),
        );
      },
    ),
    { seed: 11, numRuns: 300 },
  );
});

test("a worked example: the most frequent pair first, ties to the smaller ids", () => {
  // "ab" ×3 and "bc" ×3 tie; (97, 98) < (98, 99), so "ab" goes first; "abc" then needs (256, 99)
  const chunks = [
    { symbols: [97, 98, 99], count: 2 },
    { symbols: [97, 98], count: 1 },
    { symbols: [98, 99], count: 1 },
  ];
  assert.deepEqual(learnMerges(chunks, 10, 2), [
    [97, 98],
    [256, 99],
  ]);
  assert.deepEqual(
    chunks.map((chunk) => chunk.symbols),
    [[257], [256], [98, 99]],
  );
});
