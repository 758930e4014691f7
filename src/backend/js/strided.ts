// Walking strided views in row-major order: the offsets every js kernel reads through.
import type { StridedArray } from "../backend.js";
import { isContiguous } from "../layout.js";

export { isContiguous };

export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** The storage offset of every element of `shape` under `strides`, in row-major order. */
export function elementOffsets(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Int32Array {
  const size = sizeOf(shape);
  const offsets = new Int32Array(size);
  if (size === 0) return offsets;
  const rank = shape.length;
  if (rank === 0) {
    offsets[0] = offset;
    return offsets;
  }
  const index = new Array<number>(rank).fill(0);
  const lastExtent = shape[rank - 1]!;
  const lastStride = strides[rank - 1]!;
  let base = offset;
  for (let position = 0; position < size; position += lastExtent) {
    for (let i = 0; i < lastExtent; i++) offsets[position + i] = base + i * lastStride;
    for (let axis = rank - 2; axis >= 0; axis--) {
      index[axis]!++;
      base += strides[axis]!;
      if (index[axis]! < shape[axis]!) break;
      base -= index[axis]! * strides[axis]!;
      index[axis] = 0;
    }
  }
  return offsets;
}

/** Offsets of a view, or null when it is contiguous (then element i is at offset + i). */
export function offsetsUnlessContiguous(view: StridedArray): Int32Array | null {
  return isContiguous(view) ? null : elementOffsets(view.shape, view.strides, view.offset);
}
