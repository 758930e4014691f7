// RowSparseGrad: the gradient of an embedding table from a sparse lookup — only the rows that were
// looked up (indices and rows), never the whole [numEmbeddings, dim] table.
import { activeBackend } from "../backend/registry.js";
import { allocate } from "../backend/dtype.js";
import { formatShape, ShapeError } from "./errors.js";
import { Tensor } from "./tensor.js";

/**
 * A gradient that is zero outside some rows: row indices[k] holds values[k] (an index may repeat;
 * repeated rows add up). What a parameter used by `nn.Embedding(…, { sparse: true })` receives in
 * `.sparseGrad` (PyTorch gives a sparse COO tensor in `.grad`; gradus keeps `.grad` a dense Tensor
 * and says which by the field). `coalesce()` sums repeats; `toDense()` is the full gradient.
 * @example loss.backward(); const g = embedding.weight.sparseGrad!; g.coalesce().indices; // rows touched
 */
export class RowSparseGrad {
  #coalesced: RowSparseGrad | null = null;

  constructor(
    /** Row of each entry of `values` (int32, possibly repeated, any order). */
    readonly indices: Int32Array,
    /** The rows: a contiguous [indices.length, ...shape.slice(1)] tensor. */
    readonly values: Tensor,
    /** The dense gradient's shape, [numEmbeddings, ...]. */
    readonly shape: readonly number[],
  ) {
    const rowShape = shape.slice(1);
    const expected = [indices.length, ...rowShape];
    if (values.rank !== expected.length || values.shape.some((e, i) => e !== expected[i])) {
      throw new ShapeError(
        `RowSparseGrad: values of shape ${formatShape(values.shape)} for ${indices.length} rows of ${formatShape(shape)}`,
      );
    }
  }

  get dtype(): Tensor["dtype"] {
    return this.values.dtype;
  }

  /** Elements per row. */
  get rowSize(): number {
    return this.shape.slice(1).reduce((a, b) => a * b, 1);
  }

  /** Both gradients' entries (the sum of the two gradients). */
  concat(other: RowSparseGrad): RowSparseGrad {
    const indices = new Int32Array(this.indices.length + other.indices.length);
    indices.set(this.indices);
    indices.set(other.indices, this.indices.length);
    const values = allocate(this.dtype, indices.length * this.rowSize);
    values.set(this.values.contiguous().dataSync());
    values.set(other.values.astype(this.dtype).contiguous().dataSync(), this.values.size);
    return new RowSparseGrad(
      indices,
      new Tensor(values, [indices.length, ...this.shape.slice(1)]),
      this.shape,
    );
  }

  /** The same gradient with each row once, rows in increasing order (repeats summed in order of appearance). */
  coalesce(): RowSparseGrad {
    if (this.#coalesced !== null) return this.#coalesced;
    const count = this.indices.length;
    // each distinct row once (O(n) with a scratch slot per table row), then only those rows sorted
    const slots = scratchSlots(this.shape[0]!);
    const unique = new Int32Array(count);
    let rows = 0;
    for (let k = 0; k < count; k++) {
      const row = this.indices[k]!;
      if (slots[row] === -1) {
        slots[row] = 0;
        unique[rows++] = row;
      }
    }
    const sorted = unique.subarray(0, rows).sort();
    for (let rank = 0; rank < rows; rank++) slots[sorted[rank]!] = rank;
    const ranks = new Int32Array(count);
    for (let k = 0; k < count; k++) ranks[k] = slots[this.indices[k]!]!;
    const width = this.rowSize;
    const summed = allocate(this.dtype, rows * width);
    // the backend adds entry k's values into row ranks[k] for k = 0, 1, …: repeats in order of appearance
    activeBackend().takeAdd(this.rowValues(), ranks, 1, rows, width, summed);
    for (let rank = 0; rank < rows; rank++) slots[sorted[rank]!] = -1;
    const values = new Tensor(summed, [rows, ...this.shape.slice(1)]);
    this.#coalesced = new RowSparseGrad(sorted.slice(), values, this.shape);
    this.#coalesced.#coalesced = this.#coalesced;
    return this.#coalesced;
  }

  /** The values row-major (a view when they are contiguous, as they are when made by gradus). */
  rowValues(): Tensor["data"] {
    const rows = this.values.contiguous();
    return rows.data.subarray(rows.offset, rows.offset + rows.size);
  }

  /** The dense gradient: zeros with the rows added at their indices. */
  toDense(): Tensor {
    const out = allocate(
      this.dtype,
      this.shape.reduce((a, b) => a * b, 1),
    );
    const rows = this.values.contiguous();
    const data = rows.data.subarray(rows.offset, rows.offset + rows.size);
    activeBackend().takeAdd(data, this.indices, 1, this.shape[0]!, this.rowSize, out);
    return new Tensor(out, this.shape);
  }

  /** Every value times `factor` (gradient clipping). */
  scaled(factor: number): RowSparseGrad {
    const values = this.values
      .contiguous()
      .dataSync()
      .map((v) => v * factor);
    return new RowSparseGrad(this.indices, new Tensor(values, this.values.shape), this.shape);
  }

  /** ‖g‖² of the dense gradient (repeats summed first). */
  squaredNorm(): number {
    let total = 0;
    for (const value of this.coalesce().rowValues()) total += value * value;
    return total;
  }
}

/** One slot per table row, all −1 between calls (coalesce resets the ones it used); grown on demand. */
let slotBuffer = new Int32Array(0);

function scratchSlots(tableRows: number): Int32Array {
  if (slotBuffer.length < tableRows) slotBuffer = new Int32Array(tableRows).fill(-1);
  return slotBuffer;
}
