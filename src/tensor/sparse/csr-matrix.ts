// CsrMatrix: a sparse matrix in compressed sparse row form (text features), validated at construction.
import type { CsrArrays } from "../../backend/backend.js";
import { Tensor } from "../tensor.js";
import { checkCsr, SparseFormatError } from "./check-csr.js";

/** The float element types a sparse matrix stores. */
export type SparseDType = "float32" | "float64";
export type SparseValues = Float32Array | Float64Array;

/**
 * A [rows, cols] sparse matrix: row i stores values[indptr[i] … indptr[i+1]) at the strictly
 * increasing columns indices[…]. Immutable by convention; row selection copies.
 * @example
 * const a = new CsrMatrix([2, 3], Int32Array.of(0, 1, 3), Int32Array.of(2, 0, 1), Float32Array.of(5, 1, 2));
 * a.toDense().toArray(); // [[0, 0, 5], [1, 2, 0]]
 */
export class CsrMatrix implements CsrArrays {
  readonly rows: number;
  readonly cols: number;
  private readonly converted = new Map<SparseDType, CsrMatrix>();

  constructor(
    shape: readonly number[],
    readonly indptr: Int32Array,
    readonly indices: Int32Array,
    readonly values: SparseValues,
  ) {
    checkCsr(shape, indptr, indices, values);
    [this.rows, this.cols] = shape as [number, number];
  }

  get shape(): readonly [number, number] {
    return [this.rows, this.cols];
  }

  /** The number of stored entries. */
  get nnz(): number {
    return this.indices.length;
  }

  get dtype(): SparseDType {
    return this.values instanceof Float64Array ? "float64" : "float32";
  }

  /**
   * A CSR matrix from one map column → value per row (zeros are dropped, columns sorted).
   * @example CsrMatrix.fromRows([new Map([[2, 1]]), new Map()], 4).nnz; // 1
   */
  static fromRows(
    rows: readonly ReadonlyMap<number, number>[],
    cols: number,
    dtype: SparseDType = "float32",
  ): CsrMatrix {
    const indptr = new Int32Array(rows.length + 1);
    let nnz = 0;
    rows.forEach((row, i) => {
      for (const value of row.values()) if (value !== 0) nnz++;
      indptr[i + 1] = nnz;
    });
    const indices = new Int32Array(nnz);
    const values = dtype === "float64" ? new Float64Array(nnz) : new Float32Array(nnz);
    rows.forEach((row, i) => {
      const columns = [...row.keys()].filter((c) => row.get(c) !== 0).sort((a, b) => a - b);
      columns.forEach((column, k) => {
        indices[indptr[i]! + k] = column;
        values[indptr[i]! + k] = row.get(column)!;
      });
    });
    return new CsrMatrix([rows.length, cols], indptr, indices, values);
  }

  /**
   * The non-zero entries of a 2-D tensor.
   * @example CsrMatrix.fromDense(tensor([[0, 1], [2, 0]])).nnz; // 2
   */
  static fromDense(x: Tensor): CsrMatrix {
    if (x.rank !== 2) {
      throw new SparseFormatError(`CsrMatrix.fromDense: expected a 2-D tensor, got rank ${x.rank}`);
    }
    const [rows, cols] = x.shape as [number, number];
    const flat = x.dataSync();
    const maps = Array.from({ length: rows }, (_, i) => {
      const row = new Map<number, number>();
      for (let j = 0; j < cols; j++) if (flat[i * cols + j] !== 0) row.set(j, flat[i * cols + j]!);
      return row;
    });
    return CsrMatrix.fromRows(maps, cols, x.dtype === "float64" ? "float64" : "float32");
  }

  /** The same structure with new values (one per stored entry), e.g. reweighted counts. */
  withValues(values: SparseValues): CsrMatrix {
    return new CsrMatrix(this.shape, this.indptr, this.indices, values);
  }

  /** This matrix with values of `dtype` (itself if it already has it; conversions are cached). */
  astype(dtype: SparseDType): CsrMatrix {
    if (dtype === this.dtype) return this;
    let converted = this.converted.get(dtype);
    if (converted === undefined) {
      const values =
        dtype === "float64" ? new Float64Array(this.values) : new Float32Array(this.values);
      converted = this.withValues(values);
      this.converted.set(dtype, converted);
    }
    return converted;
  }

  /**
   * The rows at `indices` in that order (repeats allowed): a mini-batch of samples.
   * @example X.selectRows(Int32Array.of(4, 0)).rows; // 2
   */
  selectRows(indices: Int32Array | readonly number[]): CsrMatrix {
    const count = indices.length;
    const indptr = new Int32Array(count + 1);
    for (let k = 0; k < count; k++) {
      const row = indices[k]!;
      if (!(Number.isInteger(row) && row >= 0 && row < this.rows)) {
        throw new RangeError(
          `CsrMatrix.selectRows: row ${row} is out of range for ${this.rows} rows`,
        );
      }
      indptr[k + 1] = indptr[k]! + this.indptr[row + 1]! - this.indptr[row]!;
    }
    const nnz = indptr[count]!;
    const columns = new Int32Array(nnz);
    const values = this.dtype === "float64" ? new Float64Array(nnz) : new Float32Array(nnz);
    for (let k = 0; k < count; k++) {
      const row = indices[k]!;
      const [start, end] = [this.indptr[row]!, this.indptr[row + 1]!];
      columns.set(this.indices.subarray(start, end), indptr[k]!);
      values.set(this.values.subarray(start, end), indptr[k]!);
    }
    return new CsrMatrix([count, this.cols], indptr, columns, values);
  }

  /** Rows start … end − 1 (numpy-style bounds clamped to [0, rows]). */
  sliceRows(start: number, end = this.rows): CsrMatrix {
    const [from, to] = [
      Math.max(0, Math.min(start, this.rows)),
      Math.max(0, Math.min(end, this.rows)),
    ];
    return this.selectRows(Int32Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k));
  }

  /** The dense [rows, cols] tensor (for small matrices and tests). */
  toDense(): Tensor {
    const dense = new Tensor(
      this.dtype === "float64"
        ? new Float64Array(this.rows * this.cols)
        : new Float32Array(this.rows * this.cols),
      [this.rows, this.cols],
    );
    for (let i = 0; i < this.rows; i++) {
      for (let p = this.indptr[i]!; p < this.indptr[i + 1]!; p++) {
        dense.data[i * this.cols + this.indices[p]!] = this.values[p]!;
      }
    }
    return dense;
  }

  toString(): string {
    return `CsrMatrix([${this.rows}, ${this.cols}], nnz=${this.nnz}, ${this.dtype})`;
  }
}

export { SparseFormatError };
