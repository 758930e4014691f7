// Applying learned merges to one chunk's bytes in O(n log n): a linked list of tokens and a heap of pairs by rank.
import { BYTE_TOKENS, pairKey } from "./bpe-train.js";
import { PriorityQueue } from "./priority-queue.js";

/**
 * The tokens of one chunk: the merges applied in the order learned (rank k makes token 256 + k), each
 * to every occurrence left to right — exactly what training did to the same chunk. The heap pops the
 * lowest rank, then the leftmost position; a merge only creates pairs with its new token, whose ranks
 * are higher, so every occurrence of one rank is merged before the next rank starts.
 */
export function applyMerges(bytes: Uint8Array, ranks: ReadonlyMap<number, number>): number[] {
  const n = bytes.length;
  if (n < 2) return Array.from(bytes);
  const symbols = Array.from(bytes);
  const next = new Int32Array(n);
  const previous = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    previous[i] = i - 1;
  }
  const queue = new PriorityQueue();
  const consider = (position: number): void => {
    if (position < 0) return;
    const following = next[position]!;
    if (following < 0) return;
    const rank = ranks.get(pairKey(symbols[position]!, symbols[following]!));
    if (rank !== undefined) queue.push(rank, position);
  };
  for (let i = 0; i + 1 < n; i++) consider(i);
  for (let top = queue.pop(); top !== undefined; top = queue.pop()) {
    const [rank, position] = top;
    const following = next[position]!;
    if (symbols[position]! < 0 || following < 0) continue;
    if (ranks.get(pairKey(symbols[position]!, symbols[following]!)) !== rank) continue; // stale
    symbols[position] = BYTE_TOKENS + rank;
    symbols[following] = -1;
    const after = next[following]!;
    next[position] = after;
    if (after >= 0) previous[after] = position;
    consider(previous[position]!);
    consider(position);
  }
  return symbols.filter((symbol) => symbol >= 0);
}
