// Learning byte-pair merges: pair counts over unique chunks, updated only where a merge changes a chunk.
import { PriorityQueue } from "./priority-queue.js";

/** Token ids 0 … 255 are the bytes; merge k makes token BYTE_TOKENS + k. */
export const BYTE_TOKENS = 256;
/** A pair (left, right) is keyed left · PAIR_BASE + right, so token ids stay below PAIR_BASE. */
export const PAIR_BASE = 2 ** 21;

/** A unique pre-tokenised chunk as token ids (at first its bytes) and how often the corpus has it. */
export interface WeightedChunk {
  symbols: number[];
  readonly count: number;
}

/** The pair key of two adjacent tokens. */
export function pairKey(left: number, right: number): number {
  return left * PAIR_BASE + right;
}

/** `symbols` with every (left, right), scanned left to right, replaced by `token` (the same array if none). */
export function mergePair(symbols: number[], left: number, right: number, token: number): number[] {
  let merged: number[] | undefined;
  for (let i = 0; i < symbols.length; i++) {
    if (symbols[i] === left && symbols[i + 1] === right) {
      merged ??= symbols.slice(0, i);
      merged.push(token);
      i++;
    } else if (merged !== undefined) {
      merged.push(symbols[i]!);
    }
  }
  return merged ?? symbols;
}

/**
 * The merges, in the order learned: each step joins the adjacent pair with the most occurrences over
 * all chunks (weighted by chunk count; ties to the smaller left id, then the smaller right id) into the
 * next token id. Stops after `maxMerges` or when the best pair occurs fewer than `minPairCount` times.
 * Only the chunks holding the chosen pair are rewritten and only their pairs recounted, so a step costs
 * the length of those chunks, not of the corpus. `chunks` are rewritten in place to their final tokens.
 */
export function learnMerges(
  chunks: WeightedChunk[],
  maxMerges: number,
  minPairCount: number,
): [number, number][] {
  const counts = new Map<number, number>();
  const holders = new Map<number, number[]>(); // chunk indices that may hold the pair (a superset)
  const hold = (key: number, index: number): void => {
    const list = holders.get(key);
    if (list === undefined) holders.set(key, [index]);
    else if (list[list.length - 1] !== index) list.push(index);
  };
  chunks.forEach(({ symbols, count }, index) => {
    for (let i = 0; i + 1 < symbols.length; i++) {
      const key = pairKey(symbols[i]!, symbols[i + 1]!);
      counts.set(key, (counts.get(key) ?? 0) + count);
      hold(key, index);
    }
  });
  const queue = new PriorityQueue();
  for (const [key, count] of counts) queue.push(-count, key);
  const merges: [number, number][] = [];
  const lastVisit = new Int32Array(chunks.length).fill(-1);
  while (merges.length < maxMerges) {
    const top = queue.pop();
    if (top === undefined) break;
    const [negativeCount, key] = top;
    if (counts.get(key) !== -negativeCount) continue; // stale: the count changed after this push
    if (-negativeCount < minPairCount) break;
    const left = Math.floor(key / PAIR_BASE);
    const right = key - left * PAIR_BASE;
    const token = BYTE_TOKENS + merges.length;
    const deltas = new Map<number, number>();
    const shift = (symbols: readonly number[], amount: number): void => {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const pair = pairKey(symbols[i]!, symbols[i + 1]!);
        deltas.set(pair, (deltas.get(pair) ?? 0) + amount);
      }
    };
    for (const index of holders.get(key) ?? []) {
      if (lastVisit[index] === merges.length) continue;
      lastVisit[index] = merges.length;
      const chunk = chunks[index]!;
      const merged = mergePair(chunk.symbols, left, right, token);
      if (merged === chunk.symbols) continue;
      shift(chunk.symbols, -chunk.count);
      shift(merged, chunk.count);
      for (let i = 0; i + 1 < merged.length; i++) {
        if (merged[i] === token || merged[i + 1] === token) {
          hold(pairKey(merged[i]!, merged[i + 1]!), index);
        }
      }
      chunk.symbols = merged;
    }
    merges.push([left, right]);
    for (const [pair, delta] of deltas) {
      if (delta === 0) continue;
      const count = (counts.get(pair) ?? 0) + delta;
      if (count > 0) {
        counts.set(pair, count);
        queue.push(-count, pair);
      } else {
        counts.delete(pair);
        holders.delete(pair);
      }
    }
  }
  return merges;
}
