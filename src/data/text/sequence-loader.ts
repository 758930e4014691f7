// Batches of variable-length sequences (sentences as word ids, with tag ids), padded, with their masks.
import { batchCount, batchIndices, checkBatchSize, type BatchOrder } from "../batch-indices.js";
import { defaultGenerator, type Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { padSequences } from "./pad-sequences.js";

export interface SequenceLoaderOptions {
  /** Sequences per batch (default 1). */
  readonly batchSize?: number;
  /** A fresh seeded random order every epoch (default false). */
  readonly shuffle?: boolean;
  /** Skip the last, smaller batch (default false). */
  readonly dropLast?: boolean;
  readonly generator?: Generator;
  /** Written after the end of each input sequence (default 0, WordVocabulary's padId). */
  readonly padValue?: number;
  /** Written after the end of each target sequence (default 0; the mask says which are real). */
  readonly targetPadValue?: number;
}

/** One batch: inputs and targets [B, T] int32, mask [B, T] float32, lengths, and which sequences. */
export interface SequenceBatch {
  readonly inputs: Tensor;
  readonly targets: Tensor | undefined;
  readonly mask: Tensor;
  readonly lengths: Int32Array;
  readonly indices: Int32Array;
}

/**
 * Pairs of aligned sequences (a sentence's word ids and its tag ids) in padded batches; each
 * `for … of` is one epoch. T is the longest sequence of the batch.
 * @example
 * const loader = new data.SequenceLoader({ inputs: wordIds, targets: tagIds }, { batchSize: 32, shuffle: true, generator });
 * for (const { inputs, targets, mask } of loader) {} // inputs [32, T], mask 1 where a word is
 */
export class SequenceLoader implements Iterable<SequenceBatch> {
  private readonly order: BatchOrder;

  constructor(
    readonly sequences: {
      readonly inputs: readonly ArrayLike<number>[];
      readonly targets?: readonly ArrayLike<number>[];
    },
    private readonly options: SequenceLoaderOptions = {},
  ) {
    const { inputs, targets } = sequences;
    if (inputs.length === 0) throw new RangeError("SequenceLoader: there are no sequences");
    if (targets !== undefined) {
      if (targets.length !== inputs.length) {
        throw new RangeError(
          `SequenceLoader: ${inputs.length} input sequences but ${targets.length} target sequences`,
        );
      }
      inputs.forEach((input, i) => {
        if (targets[i]!.length !== input.length) {
          throw new RangeError(
            `SequenceLoader: sequence ${i} has ${input.length} inputs but ${targets[i]!.length} targets`,
          );
        }
      });
    }
    this.order = {
      batchSize: checkBatchSize(options.batchSize ?? 1, "SequenceLoader"),
      shuffle: options.shuffle ?? false,
      dropLast: options.dropLast ?? false,
      generator: options.generator ?? defaultGenerator,
    };
  }

  /** The number of batches in one epoch. */
  get length(): number {
    return batchCount(this.sequences.inputs.length, this.order);
  }

  *[Symbol.iterator](): Iterator<SequenceBatch> {
    const { inputs, targets } = this.sequences;
    for (const indices of batchIndices(inputs.length, this.order)) {
      const pick = (list: readonly ArrayLike<number>[]) => Array.from(indices, (i) => list[i]!);
      const { padded, mask, lengths } = padSequences(pick(inputs), {
        padValue: this.options.padValue ?? 0,
      });
      const paddedTargets =
        targets === undefined
          ? undefined
          : padSequences(pick(targets), { padValue: this.options.targetPadValue ?? 0 }).padded;
      yield { inputs: padded, targets: paddedTargets, mask, lengths, indices };
    }
  }
}
