// fast-check generators of random CSR matrices (shape, sparsity pattern and values together).
import fc from "fast-check";
import { CsrMatrix, type SparseDType } from "../../src/tensor/sparse/csr-matrix.js";
import { valuesArb } from "./arbitraries.js";

export interface SparseOptions {
  readonly maxRows?: number;
  readonly maxCols?: number;
  readonly dtype?: SparseDType;
}

/** A random [1…maxRows, 1…maxCols] CSR matrix: each entry stored with probability ½ (empty rows occur). */
export function csrArb(options: SparseOptions = {}): fc.Arbitrary<CsrMatrix> {
  const { maxRows = 5, maxCols = 6, dtype = "float64" } = options;
  return fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([rows, cols]) =>
      fc
        .tuple(
          fc.array(fc.boolean(), { minLength: rows * cols, maxLength: rows * cols }),
          valuesArb(rows * cols, { min: 0.1, max: 3, signed: true }),
        )
        .map(([mask, values]) => {
          const maps = Array.from({ length: rows }, (_, i) => {
            const row = new Map<number, number>();
            for (let j = 0; j < cols; j++)
              if (mask[i * cols + j]!) row.set(j, values[i * cols + j]!);
            return row;
          });
          return CsrMatrix.fromRows(maps, cols, dtype);
        }),
    );
}
