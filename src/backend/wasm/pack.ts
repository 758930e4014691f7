// Packing strided matrices into the panel layouts of the wasm matmul (transposes are read through
// strides here, never materialised), and reading the padded product back.
import type { StridedArray, TypedArray } from "../backend.js";

/** Writes rows of one [rows, cols] matrix into `rowsPerPanel`-row panels, p-major, zero-padded: A's layout. */
export function packRows(
  source: StridedArray,
  base: number,
  rows: number,
  depth: number,
  rowsPerPanel: number,
  target: Float32Array | Float64Array,
  at: number,
): void {
  const data = source.data;
  const rowStride = source.strides[1]!;
  const colStride = source.strides[2]!;
  for (let panel = 0; panel * rowsPerPanel < rows; panel++) {
    const first = panel * rowsPerPanel;
    const count = Math.min(rowsPerPanel, rows - first);
    let to = at + panel * depth * rowsPerPanel;
    for (let p = 0; p < depth; p++, to += rowsPerPanel) {
      let from = base + first * rowStride + p * colStride;
      let r = 0;
      for (; r < count; r++, from += rowStride) target[to + r] = data[from]!;
      for (; r < rowsPerPanel; r++) target[to + r] = 0;
    }
  }
}

/** Writes columns of one [depth, cols] matrix into `width`-column panels, p-major, zero-padded: B's layout. */
export function packColumns(
  source: StridedArray,
  base: number,
  depth: number,
  cols: number,
  width: number,
  target: Float32Array | Float64Array,
  at: number,
): void {
  const data = source.data;
  const rowStride = source.strides[1]!;
  const colStride = source.strides[2]!;
  for (let panel = 0; panel * width < cols; panel++) {
    const first = panel * width;
    const count = Math.min(width, cols - first);
    let to = at + panel * depth * width;
    for (let p = 0; p < depth; p++, to += width) {
      let from = base + p * rowStride + first * colStride;
      let j = 0;
      for (; j < count; j++, from += colStride) target[to + j] = data[from]!;
      for (; j < width; j++) target[to + j] = 0;
    }
  }
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
