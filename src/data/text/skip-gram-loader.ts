// Skip-gram with negative sampling, batched: (centre, context) pairs and k noise words per pair.
import { batchIndices, checkBatchSize } from "../batch-indices.js";
import { defaultGenerator, type Generator } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";
import { NegativeSampler } from "./negative-sampler.js";
import { skipGramPairs, subsampleKeepProbabilities, type SkipGramPairs } from "./skip-gram.js";
import type { WordVocabulary } from "./word-vocabulary.js";

export interface SkipGramLoaderOptions {
  /** The largest centre–context distance (default 5). */
  readonly window?: number;
  /** Noise words per pair (default 5). */
  readonly negatives?: number;
  /** word2vec's subsampling threshold t (default 10⁻³; 0 keeps every word). */
  readonly subsample?: number;
  /** Pairs per batch (default 1). */
  readonly batchSize?: number;
  /** Visit each pass's pairs in a seeded random order (default false: sentence order, as word2vec). */
  readonly shuffle?: boolean;
  /** Ids never paired nor drawn as noise (default: a WordVocabulary's pad and unknown ids, else none). */
  readonly ignoreIds?: readonly number[];
  readonly generator?: Generator;
}

/** centers [B] and contexts [B] int32 (the positive pairs), negatives [B, k] int32 (noise words). */
export interface SkipGramBatch {
  readonly centers: Tensor;
  readonly contexts: Tensor;
  readonly negatives: Tensor;
}

/**
 * Each `for … of` is one pass: fresh subsampling and window sizes (see {@link skipGramPairs}), then
 * batches with k noise words per pair from the count^0.75 law ({@link NegativeSampler}). Counts come
 * from a WordVocabulary or an array indexed by id. A noise word may equal the context word (with
 * probability P(context)); word2vec.c skips such draws, we keep k per row so batches stay rectangular.
 * @example
 * const loader = new data.SkipGramLoader(sentenceIds, vocabulary, { batchSize: 1024, shuffle: true, generator });
 * for (const { centers, contexts, negatives } of loader) {} // negatives [1024, 5]
 */
export class SkipGramLoader implements Iterable<SkipGramBatch> {
  readonly sampler: NegativeSampler;
  readonly keepProbabilities: Float64Array;
  private readonly ignoreIds: readonly number[];
  private readonly generator: Generator;
  private readonly batchSize: number;
  private readonly negatives: number;

  constructor(
    private readonly sentences: readonly ArrayLike<number>[],
    counts: WordVocabulary | ArrayLike<number>,
    private readonly options: SkipGramLoaderOptions = {},
  ) {
    const isVocabulary = "unknownId" in counts;
    const ids = isVocabulary ? counts.counts : counts;
    this.ignoreIds = options.ignoreIds ?? (isVocabulary ? [counts.padId, counts.unknownId] : []);
    const weights = Float64Array.from({ length: ids.length }, (_, i) => ids[i]!);
    for (const id of this.ignoreIds) if (id >= 0 && id < weights.length) weights[id] = 0;
    this.sampler = new NegativeSampler(weights);
    this.keepProbabilities = subsampleKeepProbabilities(weights, options.subsample ?? 1e-3);
    this.generator = options.generator ?? defaultGenerator;
    this.batchSize = checkBatchSize(options.batchSize ?? 1, "SkipGramLoader");
    this.negatives = options.negatives ?? 5;
    if (!Number.isInteger(this.negatives) || this.negatives < 1) {
      throw new RangeError(
        `SkipGramLoader: negatives must be a positive integer, got ${this.negatives}`,
      );
    }
  }

  /** The (centre, context) pairs of one pass (consumes randomness, as an epoch does). */
  pairs(): SkipGramPairs {
    return skipGramPairs(this.sentences, {
      ignoreIds: this.ignoreIds,
      keepProbabilities: this.keepProbabilities,
      generator: this.generator,
      ...(this.options.window === undefined ? {} : { window: this.options.window }),
    });
  }

  *[Symbol.iterator](): Iterator<SkipGramBatch> {
    const { centers, contexts } = this.pairs();
    const order = {
      batchSize: this.batchSize,
      shuffle: this.options.shuffle ?? false,
      dropLast: false,
      generator: this.generator,
    };
    for (const indices of batchIndices(centers.length, order)) {
      const size = indices.length;
      yield {
        centers: new Tensor(
          Int32Array.from(indices, (i) => centers[i]!),
          [size],
        ),
        contexts: new Tensor(
          Int32Array.from(indices, (i) => contexts[i]!),
          [size],
        ),
        negatives: new Tensor(this.sampler.sample(size * this.negatives, this.generator), [
          size,
          this.negatives,
        ]),
      };
    }
  }
}
