// Encoding one chunk with the heap gives what applying the merges one by one, in order, gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { applyMerges } from "../../../src/data/text/bpe-encode.js";
import { mergePair, pairKey } from "../../../src/data/text/bpe-train.js";

function ranksOf(merges: readonly [number, number][]): Map<number, number> {
  return new Map(merges.map(([left, right], rank) => [pairKey(left, right), rank]));
}

/** Merges over bytes 0–3 where merge k may join any earlier token. */
const mergesArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }).map((raw) => {
  const merges: [number, number][] = [];
  const seen = new Set<number>();
  for (const [a, b] of raw) {
    const pool = [0, 1, 2, 3, ...merges.map((_, k) => 256 + k)];
    const pair: [number, number] = [pool[a % pool.length]!, pool[b % pool.length]!];
    if (!seen.has(pairKey(...pair))) merges.push(pair);
    seen.add(pairKey(...pair));
  }
  return merges;
});

test("the heap encoder equals the merges applied in order", () => {
  fc.assert(
    fc.property(
      mergesArb,
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }),
      (merges, bytes) => {
        let expected = [...bytes];
        merges.forEach(
          ([left, right], k) => (expected = mergePair(expected, left, right, 256 + k)),
        );
        assert.deepEqual(applyMerges(Uint8Array.from(bytes), ranksOf(merges)), expected);
      },
    ),
    { seed: 5, numRuns: 500 },
  );
});

test("a long run of one byte is encoded quickly and correctly", () => {
  const merges: [number, number][] = [
    [97, 97],
    [256, 256],
    [257, 257],
  ];
  const tokens = applyMerges(new Uint8Array(200_001).fill(97), ranksOf(merges));
  assert.equal(tokens.length, 25_000 + 1);
  assert.ok(tokens.slice(0, -1).every((token) => token === 258));
  assert.equal(tokens[tokens.length - 1], 97);
});
