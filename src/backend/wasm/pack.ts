// Copying strided matrices into wasm memory row-major (transposes are read through strides here, never
// materialised in the tensors), and reading the padded product back out.
import type { StridedArray, TypedArray } from "../backend.js";

/**
 * Writes a [rows, cols] matrix of `source` (batch base offset `base`) row-major at `target[at…]`,
 * followed by zero rows up to `paddedRows`. Rows with unit column stride are block copies.
 */
export function stageRowMajor(
  source: StridedArray,
  base: number,
  rows: number,
  cols: number,
  paddedRows: number,
  target: Float32Array | Float64Array,
  at: number,
): void {
  const data = source.data as Float32Array | Float64Array;
  const rowStride = source.strides[1]!;
  const colStride = source.strides[2]!;
  if (colStride === 1 && rowStride === cols) {
    target.set(data.subarray(base, base + rows * cols), at);
  } else if (colStride === 1) {
    for (let i = 0; i < rows; i++) {
      const from = base + i * rowStride;
      target.set(data.subarray(from, from + cols), at + i * cols);
    }
  } else {
    for (let i = 0, to = at; i < rows; i++) {
      let from = base + i * rowStride;
      for (let j = 0; j < cols; j++, to++, from += colStride) target[to] = data[from]!;
    }
  }
  target.fill(0, at + rows * cols, at + paddedRows * cols);
}

/** Copies the top-left [rows, cols] of a padded product with `stride` elements per row into `out`. */
export function unpad(
  padded: Float32Array | Float64Array,
  at: number,
  stride: number,
  rows: number,
  cols: number,
  out: TypedArray,
  outAt: number,
): void {
  if (stride === cols) {
    out.set(padded.subarray(at, at + rows * cols), outAt);
    return;
  }
  for (let i = 0; i < rows; i++)
    out.set(padded.subarray(at + i * stride, at + i * stride + cols), outAt + i * cols);
}
