// The textbook BPE trainer, the peer of the incremental one: every pair of every chunk recounted before each merge.
import { BYTE_TOKENS, mergePair, pairKey, type WeightedChunk } from "../src/data/text/bpe-train.js";

/** Learns up to `maxMerges` merges with the same rule (most frequent pair, ties to smaller ids). */
export function naiveMerges(
  chunks: readonly WeightedChunk[],
  maxMerges: number,
): [number, number][] {
  let words = chunks.map(({ symbols, count }) => ({ symbols, count }));
  const merges: [number, number][] = [];
  while (merges.length < maxMerges) {
    const counts = new Map<number, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = pairKey(symbols[i]!, symbols[i + 1]!);
        counts.set(key, (counts.get(key) ?? 0) + count);
      }
    }
    let [best, bestCount] = [-1, 0];
    for (const [key, count] of counts) {
      if (count > bestCount || (count === bestCount && key < best))
        [best, bestCount] = [key, count];
    }
    if (bestCount < 2) break;
    const left = Math.floor(best / 2 ** 21);
    const right = best - left * 2 ** 21;
    const token = BYTE_TOKENS + merges.length;
    words = words.map(({ symbols, count }) => ({
      symbols: mergePair(symbols, left, right, token),
      count,
    }));
    merges.push([left, right]);
  }
  return merges;
}
