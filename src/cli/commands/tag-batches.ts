// Batches of sentences for the tagger: padded id tensors and flat targets, sentences of similar length
// together (a bucketed shuffle), so that little of each batch is padding.
import type { Generator } from "../../node.js";
import { data, Tensor } from "../../node.js";
import type { TagFeatureIds } from "./tag-features.js";
import type { TagBatch } from "./tag-model.js";

/** A sentence as ids, with its tag ids when known (training and evaluation). */
export interface EncodedSentence {
  readonly features: TagFeatureIds;
  readonly tags: Int32Array | null;
}

/**
 * Pads the sentences' ids into [B, T] tensors (T the longest, padding id 0) and lists the flat
 * positions b·T + t of their words.
 * @example tagBatch([features.encode(["Hello", "."])]).positions.toArray(); // [0, 1]
 */
export function tagBatch(sentences: readonly TagFeatureIds[]): TagBatch {
  const lengths = Int32Array.from(sentences, (sentence) => sentence.words.length);
  const time = Math.max(1, ...lengths);
  const size = sentences.length * time;
  const [words, suffixes, shapes] = [
    new Int32Array(size),
    new Int32Array(size),
    new Int32Array(size),
  ];
  const positions = new Int32Array(lengths.reduce((total, length) => total + length, 0));
  let next = 0;
  sentences.forEach((sentence, row) => {
    words.set(sentence.words, row * time);
    suffixes.set(sentence.suffixes, row * time);
    shapes.set(sentence.shapes, row * time);
    for (let t = 0; t < sentence.words.length; t++) positions[next++] = row * time + t;
  });
  const shape = [sentences.length, time];
  return {
    words: new Tensor(words, shape),
    suffixes: new Tensor(suffixes, shape),
    shapes: new Tensor(shapes, shape),
    lengths,
    positions: new Tensor(positions, [positions.length]),
  };
}

/** Sentences per bucket, in batches: a shuffled pool this many batches long is sorted by length. */
const POOL_BATCHES = 50;

/**
 * The sentences in batches of `batchSize` for one pass. Shuffled: a seeded permutation, cut into pools
 * of 50 batches, each pool sorted by length and cut into batches, and the batches shuffled (PyTorch
 * users know this as a bucket iterator). Not shuffled: all sentences sorted by length.
 */
export function bucketedOrder(
  lengths: ArrayLike<number>,
  batchSize: number,
  generator: Generator | null,
): Int32Array[] {
  const count = lengths.length;
  const order =
    generator === null
      ? Int32Array.from({ length: count }, (_, i) => i)
      : data.permutation(count, generator);
  const pool = generator === null ? count : POOL_BATCHES * batchSize;
  const batches: Int32Array[] = [];
  for (let start = 0; start < count; start += pool) {
    const sorted = Array.from(order.subarray(start, start + pool)).sort(
      (a, b) => lengths[a]! - lengths[b]! || a - b,
    );
    for (let at = 0; at < sorted.length; at += batchSize)
      batches.push(Int32Array.from(sorted.slice(at, at + batchSize)));
  }
  if (generator === null) return batches;
  return Array.from(data.permutation(batches.length, generator), (i) => batches[i]!);
}

/**
 * [TagBatch, tag ids of its words] for optim.fit: each `for … of` is one pass, drawn from the
 * generator (fit saves and restores it, so a resumed run replays the same batches).
 * @example for (const [batch, tags] of new TagBatches(sentences, 32, generator)) tagger.forward(batch);
 */
export class TagBatches implements Iterable<[TagBatch, Tensor]> {
  constructor(
    private readonly sentences: readonly EncodedSentence[],
    private readonly batchSize: number,
    private readonly generator: Generator | null,
  ) {
    if (sentences.length === 0) throw new Error("TagBatches: there are no sentences");
  }

  /** Batches per pass. */
  get length(): number {
    return Math.ceil(this.sentences.length / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<[TagBatch, Tensor]> {
    const lengths = this.sentences.map((sentence) => sentence.features.words.length);
    for (const indices of bucketedOrder(lengths, this.batchSize, this.generator)) {
      const picked = Array.from(indices, (i) => this.sentences[i]!);
      const tags = new Int32Array(picked.reduce((n, s) => n + s.features.words.length, 0));
      let next = 0;
      for (const sentence of picked) {
        tags.set(sentence.tags ?? new Int32Array(sentence.features.words.length), next);
        next += sentence.features.words.length;
      }
      yield [
        tagBatch(picked.map((sentence) => sentence.features)),
        new Tensor(tags, [tags.length]),
      ];
    }
  }
}
