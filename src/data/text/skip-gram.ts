// Skip-gram training pairs as in word2vec: frequent words subsampled, a random window size per centre word.
import { defaultGenerator, type Generator } from "../../tensor/random.js";

/**
 * The probability of keeping each occurrence of word i, from word2vec.c (its -sample option): with
 * z = count_i / Σ counts and threshold t, P_keep(i) = min(1, (√(z/t) + 1) · t/z). Words with z ≤ t·(3+√5)/2
 * ≈ 2.6·t are always kept; "the" (z ≈ 0.06 in English text) is kept about 15% of the time at t = 10⁻³.
 * (The paper's 1 − √(t/z) discard rule is close to this one for z ≫ t.) A threshold of 0 keeps all.
 * @example data.subsampleKeepProbabilities([900, 100], 0.1)[0]; // (√9 + 1) · 0.1/0.9 ≈ 0.444
 */
export function subsampleKeepProbabilities(
  counts: ArrayLike<number>,
  threshold = 1e-3,
): Float64Array {
  if (!(threshold >= 0)) {
    throw new RangeError(`subsampleKeepProbabilities: threshold must be ≥ 0, got ${threshold}`);
  }
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  return Float64Array.from({ length: counts.length }, (_, i) => {
    const z = counts[i]! / total;
    return threshold === 0 || z === 0
      ? 1
      : Math.min(1, (Math.sqrt(z / threshold) + 1) * (threshold / z));
  });
}

export interface SkipGramOptions {
  /** The largest distance between a centre and a context word (default 5). */
  readonly window?: number;
  /** P_keep per id (from subsampleKeepProbabilities); default: keep every word. */
  readonly keepProbabilities?: ArrayLike<number>;
  /** Ids removed before pairing, as word2vec drops out-of-vocabulary words (e.g. pad and unknown). */
  readonly ignoreIds?: readonly number[];
  readonly generator?: Generator;
}

/** Aligned (centre, context) id pairs. */
export interface SkipGramPairs {
  readonly centers: Int32Array;
  readonly contexts: Int32Array;
}

/**
 * The pairs of one pass over the sentences, as word2vec forms them: drop ignored ids, keep each other
 * word with P_keep (one uniform draw per occurrence), then for each centre draw a window size r
 * uniformly from 1 … window and pair it with every kept word within r positions in its sentence.
 * @example data.skipGramPairs([[1, 2, 3]], { window: 1 }).contexts; // Int32Array [2, 1, 3, 2]
 */
export function skipGramPairs(
  sentences: readonly ArrayLike<number>[],
  options: SkipGramOptions = {},
): SkipGramPairs {
  const { window = 5, keepProbabilities, ignoreIds = [], generator = defaultGenerator } = options;
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`skipGramPairs: window must be a positive integer, got ${window}`);
  }
  const ignored = new Set(ignoreIds);
  const centers: number[] = [];
  const contexts: number[] = [];
  sentences.forEach((sentence, index) => {
    const kept: number[] = [];
    for (let i = 0; i < sentence.length; i++) {
      const id = sentence[i]!;
      if (ignored.has(id)) continue;
      const keep = keepProbabilities === undefined ? 1 : keepProbabilities[id];
      if (keep === undefined) {
        throw new RangeError(
          `skipGramPairs: sentence ${index} has id ${id}, which has no keep probability (${keepProbabilities!.length} ids)`,
        );
      }
      if (keep >= 1 || generator.uniform() < keep) kept.push(id);
    }
    kept.forEach((center, i) => {
      const reach = window - generator.integer(window);
      for (let j = Math.max(0, i - reach); j <= Math.min(kept.length - 1, i + reach); j++) {
        if (j === i) continue;
        centers.push(center);
        contexts.push(kept[j]!);
      }
    });
  });
  return { centers: Int32Array.from(centers), contexts: Int32Array.from(contexts) };
}
