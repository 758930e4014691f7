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
    const order = Array.from(this.indices.keys()).sort(
      (a, b) => this.indices[a]! - this.indices[b]! || a - b,
    );
    const unique: number[] = [];
    for (const k of order) if (unique.at(-1) !== this.indices[k]) unique.push(this.indices[k]!);
    const width = this.rowSize;
    const source = this.values.contiguous().dataSync();
    const summed = allocate(this.dtype, unique.length * width);
    let row = -1;
    for (const k of order) {
      if (row < 0 || unique[row] !== this.indices[k]) row++;
      for (let j = 0; j < width; j++)
        summed[row * width + j] = summed[row * width + j]! + source[k * width + j]!;
    }
    const values = new Tensor(summed, [unique.length, ...this.shape.slice(1)]);
    this.#coalesced = new RowSparseGrad(Int32Array.from(unique), values, this.shape);
    this.#coalesced.#coalesced = this.#coalesced;
    return this.#coalesced;
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
    for (const value of this.coalesce().values.dataSync()) total += value * value;
    return total;
  }
}
