// How a recurrent module sees its input: time-major [L, N, features] whatever the caller's layout
// (batchFirst, unbatched), per-row lengths, the per-row time reversal and the padding mask.
import { checkedLengths, type SequenceLengths } from "../../ops/recurrent/sequence-args.js";
import { tensor } from "../../tensor/creation.js";
import { formatShape, ShapeError } from "../../tensor/errors.js";
import type { Tensor } from "../../tensor/tensor.js";

/** Per-row lengths for padded batches: what a recurrent module's forward takes as its last argument. */
export interface SequenceOptions {
  /**
   * Each sequence's true length (an int32 tensor or numbers, one per batch row, each in [0, L]): a
   * row's forward direction stops at its last real token and its backward direction starts there,
   * its outputs past the length are 0, and its final state is the one at its length (PyTorch's
   * pack_padded_sequence … pad_packed_sequence).
   */
  readonly lengths?: SequenceLengths;
}

/** A batch in time-major layout, with what is needed to put results back in the caller's layout. */
export class SequenceLayout {
  readonly steps: number;
  readonly rows: number;
  /** Whether the caller passed one unbatched sequence [L, features] (states then have no batch axis). */
  readonly unbatched: boolean;
  /** The input as [L, N, features] (a view). */
  readonly timeMajor: Tensor;
  readonly lengths: Int32Array | null;
  #reversal: Tensor | null = null;

  constructor(
    readonly module: string,
    input: Tensor,
    readonly batchFirst: boolean,
    lengths: SequenceLengths | undefined,
  ) {
    if (input.rank !== 2 && input.rank !== 3) {
      throw new ShapeError(
        `${module}: input must be [L, N, features]${batchFirst ? " ([N, L, features] with batchFirst)" : ""} or unbatched [L, features], got ${formatShape(input.shape)}`,
      );
    }
    this.unbatched = input.rank === 2;
    this.timeMajor = this.unbatched
      ? input.unsqueeze(1)
      : batchFirst
        ? input.transpose(0, 1)
        : input;
    [this.steps, this.rows] = this.timeMajor.shape as [number, number];
    if (this.steps === 0) throw new ShapeError(`${module}: the input has no time steps`);
    this.lengths = checkedLengths(module, lengths, this.steps, this.rows);
  }

  /** The output [L, N, F] in the caller's layout ([N, L, F] with batchFirst, [L, F] unbatched). */
  outputToCaller(output: Tensor): Tensor {
    if (this.unbatched) return output.squeeze(1);
    return this.batchFirst ? output.transpose(0, 1) : output;
  }

  /** A caller's initial state as [K, N, H] (it is [K, H] for an unbatched input), checked. */
  stateFromCaller(what: string, state: Tensor, shape: readonly [number, number]): Tensor {
    const expected = this.unbatched ? shape : [shape[0], this.rows, shape[1]];
    if (state.rank !== expected.length || state.shape.some((e, axis) => e !== expected[axis])) {
      throw new ShapeError(
        `${this.module}: ${what} must have shape ${formatShape(expected)}, got ${formatShape(state.shape)}`,
      );
    }
    return this.unbatched ? state.unsqueeze(1) : state;
  }

  /** A final state [K, N, H] in the caller's layout ([K, H] for an unbatched input). */
  stateToCaller(state: Tensor): Tensor {
    return this.unbatched ? state.squeeze(1) : state;
  }

  /** [L, N, F] with each row's first `length` steps in reverse order (the rest left in place). */
  reverse(x: Tensor): Tensor {
    const [steps, rows, features] = x.shape as [number, number, number];
    this.#reversal ??= tensor(
      Array.from({ length: steps * rows }, (_, flat) => {
        const [step, row] = [Math.floor(flat / rows), flat % rows];
        const length = this.lengths?.[row] ?? steps;
        return (step < length ? length - 1 - step : step) * rows + row;
      }),
      { dtype: "int32" },
    );
    return x
      .reshape([steps * rows, features])
      .indexSelect(0, this.#reversal)
      .reshape([steps, rows, features]);
  }

  /** Zeros the outputs [L, N, F] past each row's length (when lengths were given). */
  masked(output: Tensor): Tensor {
    const lengths = this.lengths;
    if (lengths === null) return output;
    const mask = tensor(
      Array.from({ length: this.steps * this.rows }, (_, flat) =>
        Math.floor(flat / this.rows) < lengths[flat % this.rows]! ? 1 : 0,
      ),
      { dtype: output.dtype },
    ).reshape([this.steps, this.rows, 1]);
    return output.mul(mask);
  }
}
