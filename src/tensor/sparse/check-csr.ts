// Validation of CSR arrays: every structural rule checked once, with a message naming the broken one.

/** A CSR matrix whose arrays break the format (lengths, bounds, ordering). */
export class SparseFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SparseFormatError";
  }
}

/** Throws SparseFormatError unless (shape, indptr, indices, values) is a canonical CSR matrix. */
export function checkCsr(
  shape: readonly number[],
  indptr: Int32Array,
  indices: Int32Array,
  values: Float32Array | Float64Array,
): void {
  const fail = (message: string): never => {
    throw new SparseFormatError(`CsrMatrix: ${message}`);
  };
  if (shape.length !== 2 || !shape.every((extent) => Number.isInteger(extent) && extent >= 0)) {
    fail(`shape must be [rows, cols] of non-negative integers, got [${shape.join(", ")}]`);
  }
  const [rows, cols] = shape as [number, number];
  if (!(indptr instanceof Int32Array) || !(indices instanceof Int32Array)) {
    fail("indptr and indices must be Int32Arrays");
  }
  if (!(values instanceof Float32Array || values instanceof Float64Array)) {
    fail("values must be a Float32Array or a Float64Array");
  }
  if (indptr.length !== rows + 1) {
    fail(`indptr has ${indptr.length} entries, expected rows + 1 = ${rows + 1}`);
  }
  if (indptr[0] !== 0) fail(`indptr[0] must be 0, got ${indptr[0]}`);
  if (indices.length !== values.length) {
    fail(`indices has ${indices.length} entries but values has ${values.length}`);
  }
  if (indptr[rows] !== indices.length) {
    fail(
      `indptr[${rows}] = ${indptr[rows]} must equal the number of stored entries ${indices.length}`,
    );
  }
  for (let i = 0; i < rows; i++) {
    const [start, end] = [indptr[i]!, indptr[i + 1]!];
    if (end < start) fail(`indptr decreases at row ${i} (${start} then ${end})`);
    for (let p = start; p < end; p++) {
      const column = indices[p]!;
      if (column < 0 || column >= cols) {
        fail(`row ${i} has column ${column}, outside [0, ${cols})`);
      }
      if (p > start && column <= indices[p - 1]!) {
        fail(`row ${i}: columns must be strictly increasing, got ${indices[p - 1]} then ${column}`);
      }
    }
  }
}
