// word2vec's noise distribution: word ids drawn with probability ∝ count^0.75, in O(1) by Walker's alias method.
import { defaultGenerator, type Generator } from "../../tensor/random.js";

export interface NegativeSamplerOptions {
  /** The exponent on the counts (default 0.75, as in word2vec: rare words drawn more than their share). */
  readonly power?: number;
}

/**
 * Draws ids i with probability P(i) = count_i^power / Σ_j count_j^power. word2vec fills a 10⁸-entry
 * table with that law; the alias table (one bucket per id, two uniforms per draw) gives the same law
 * exactly, in as many entries as ids. Ids with count 0 (padding, unknown) are never drawn.
 * @example
 * const sampler = new data.NegativeSampler(vocabulary.counts);
 * sampler.sample(5, new Generator(0)); // Int32Array of 5 word ids
 */
export class NegativeSampler {
  /** P(i) for every id. */
  readonly probabilities: Float64Array;
  private readonly threshold: Float64Array;
  private readonly alias: Int32Array;

  constructor(counts: ArrayLike<number>, options: NegativeSamplerOptions = {}) {
    const { power = 0.75 } = options;
    if (!Number.isFinite(power))
      throw new RangeError(`NegativeSampler: power must be finite, got ${power}`);
    const n = counts.length;
    const weights = Float64Array.from({ length: n }, (_, i) => {
      const count = counts[i]!;
      if (!(count >= 0) || count === Infinity) {
        throw new RangeError(`NegativeSampler: count ${i} must be finite and ≥ 0, got ${count}`);
      }
      return count === 0 ? 0 : count ** power;
    });
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (!(total > 0)) throw new RangeError("NegativeSampler: no id has a positive count");
    this.probabilities = weights.map((weight) => weight / total);
    // Vose's construction: buckets below 1 are topped up by one bucket above 1, its alias.
    this.threshold = this.probabilities.map((p) => p * n);
    this.alias = Int32Array.from({ length: n }, (_, i) => i);
    const small: number[] = [];
    const large: number[] = [];
    this.threshold.forEach((scaled, i) => (scaled < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const below = small.pop()!;
      const above = large[large.length - 1]!;
      this.alias[below] = above;
      this.threshold[above] = this.threshold[above]! + this.threshold[below]! - 1;
      if (this.threshold[above]! < 1) small.push(large.pop()!);
    }
    for (const i of [...small, ...large]) this.threshold[i] = 1; // rounding leftovers are full buckets
  }

  /** One id. */
  draw(generator: Generator = defaultGenerator): number {
    const bucket = generator.integer(this.alias.length);
    return generator.uniform() < this.threshold[bucket]! ? bucket : this.alias[bucket]!;
  }

  /** `count` ids drawn independently. */
  sample(count: number, generator: Generator = defaultGenerator): Int32Array {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(
        `NegativeSampler.sample: count must be a non-negative integer, got ${count}`,
      );
    }
    return Int32Array.from({ length: count }, () => this.draw(generator));
  }
}
