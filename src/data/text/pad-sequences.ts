// Variable-length id sequences as one padded int32 [batch, time] tensor with its padding mask.
import { Tensor } from "../../tensor/tensor.js";

/** A padded batch: ids [B, T] int32, mask [B, T] float32 (1 at real tokens, 0 at padding), lengths. */
export interface PaddedBatch {
  readonly padded: Tensor;
  readonly mask: Tensor;
  readonly lengths: Int32Array;
}

export interface PadOptions {
  /** The id written after each sequence's end (default 0, WordVocabulary's padId). */
  readonly padValue?: number;
  /** Cut longer sequences to this many ids (default: no cut); T is the longest length after cutting. */
  readonly maxLength?: number;
}

/**
 * Sequences padded at the end to the longest one, batch first — torch.nn.utils.rnn.pad_sequence with
 * batch_first=True, plus the mask. The mask is float32 so a per-token loss can be multiplied by it.
 * @example data.padSequences([[5, 6, 7], [8]]).padded.toArray(); // [[5, 6, 7], [8, 0, 0]]
 */
export function padSequences(
  sequences: readonly ArrayLike<number>[],
  options: PadOptions = {},
): PaddedBatch {
  const { padValue = 0, maxLength = Infinity } = options;
  if (sequences.length === 0) throw new RangeError("padSequences: no sequences to pad");
  if (!Number.isInteger(padValue)) {
    throw new RangeError(`padSequences: padValue must be an integer, got ${padValue}`);
  }
  if (!(maxLength >= 1))
    throw new RangeError(`padSequences: maxLength must be ≥ 1, got ${maxLength}`);
  const lengths = Int32Array.from(sequences, (sequence) => Math.min(sequence.length, maxLength));
  const time = lengths.reduce((longest, length) => Math.max(longest, length), 0);
  const values = new Int32Array(sequences.length * time).fill(padValue);
  const mask = new Float32Array(sequences.length * time);
  sequences.forEach((sequence, row) => {
    for (let t = 0; t < lengths[row]!; t++) {
      const id = sequence[t]!;
      if (!Number.isInteger(id) || Math.abs(id) > 2 ** 31 - 1) {
        throw new RangeError(
          `padSequences: sequence ${row} has ${id} at position ${t}, not an int32 id`,
        );
      }
      values[row * time + t] = id;
      mask[row * time + t] = 1;
    }
  });
  const shape = [sequences.length, time];
  return { padded: new Tensor(values, shape), mask: new Tensor(mask, shape), lengths };
}
