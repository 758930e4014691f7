// Shared by the recurrent primitives: argument checks, sequence lengths, the per-step GEMM and the
// masks that carry finished rows in the unrolled (op-by-op) versions.
import type { Backend, FloatArray } from "../../backend/backend.js";
import type { PreparedRight } from "../../backend/recurrent-kernels.js";
import { isFloating } from "../../backend/dtype.js";
import { tensor } from "../../tensor/creation.js";
import { DTypeError, formatShape, ShapeError } from "../../tensor/errors.js";
import { Tensor } from "../../tensor/tensor.js";

/** Per-row sequence lengths: an int32 tensor, numbers, or null when every row runs every step. */
export type SequenceLengths = Tensor | readonly number[] | Int32Array | null;

/** [steps, rows, gates·hidden] of a projected input, checked against gates. */
export function sequenceShape(
  op: string,
  x: Tensor,
  gates: number,
): { steps: number; rows: number; hidden: number } {
  const [steps = 0, rows = 0, width = 0] = x.shape;
  if (x.rank !== 3 || width % gates !== 0 || width === 0) {
    throw new ShapeError(
      `${op}: the projected input must be [steps, rows, ${gates}·hidden], got ${formatShape(x.shape)}`,
    );
  }
  return { steps, rows, hidden: width / gates };
}

/** Throws unless `x` has exactly `shape`. */
export function expectShape(op: string, what: string, x: Tensor, shape: readonly number[]): void {
  if (x.rank !== shape.length || x.shape.some((extent, axis) => extent !== shape[axis])) {
    throw new ShapeError(
      `${op}: ${what} must have shape ${formatShape(shape)}, got ${formatShape(x.shape)}`,
    );
  }
}

/** Throws unless every tensor has the float dtype of the first. */
export function expectSameFloat(op: string, tensors: readonly Tensor[]): void {
  const dtype = tensors[0]!.dtype;
  if (!isFloating(dtype)) throw new DTypeError(`${op}: expected float tensors, got ${dtype}`);
  const other = tensors.find((x) => x.dtype !== dtype);
  if (other !== undefined) {
    throw new DTypeError(
      `${op}: all tensors must share one dtype, got ${dtype} and ${other.dtype}`,
    );
  }
}

/** The lengths as an Int32Array of `rows` values in [0, steps], or null. */
export function checkedLengths(
  op: string,
  lengths: SequenceLengths | undefined,
  steps: number,
  rows: number,
): Int32Array | null {
  if (lengths === null || lengths === undefined) return null;
  const values =
    lengths instanceof Tensor ? Array.from(lengths.dataSync()) : Array.from(lengths as number[]);
  if (values.length !== rows) {
    throw new ShapeError(`${op}: ${values.length} lengths for ${rows} sequences`);
  }
  const bad = values.find((length) => !Number.isInteger(length) || length < 0 || length > steps);
  if (bad !== undefined) {
    throw new RangeError(`${op}: every length must be an integer in [0, ${steps}], got ${bad}`);
  }
  return Int32Array.from(values);
}

/** out[rows, cols] = a[rows, k] (rows `k` apart from aAt) · b, b prepared once for every step. */
export function stepProduct(
  backend: Backend,
  a: FloatArray,
  aAt: number,
  rows: number,
  b: PreparedRight,
  out: FloatArray,
): void {
  backend.matmulPrepared({ data: a, shape: [rows, b.k], strides: [b.k, 1], offset: aAt }, b, out);
}

/** W_hhᵀ [H, G·H] (the right operand of every step's h·W_hhᵀ) or W_hh itself, prepared once. */
export function preparedWeight(
  backend: Backend,
  weight: Tensor,
  transposed: boolean,
): PreparedRight {
  const [rows = 0, cols = 0] = weight.shape;
  const [rowStride = 0, colStride = 0] = weight.strides;
  return backend.prepareRight(
    transposed
      ? {
          data: weight.data,
          shape: [cols, rows],
          strides: [colStride, rowStride],
          offset: weight.offset,
        }
      : weight,
  );
}

/** For each step t, an int32 mask [rows, 1] of the rows still running (t < length), or null without lengths. */
export function stepMasks(lengths: Int32Array | null, steps: number): (Tensor | null)[] {
  return Array.from({ length: steps }, (_, step) =>
    lengths === null
      ? null
      : tensor(
          Array.from(lengths, (length) => (step < length ? 1 : 0)),
          { dtype: "int32" },
        ).reshape([lengths.length, 1]),
  );
}
