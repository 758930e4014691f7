// Reference sparse × dense kernels on CSR matrices: A·B row by row, and Aᵀ·G by scattering rows of G.
import type { CsrArrays, TypedArray } from "../backend.js";

/** out[i, :] = Σₚ values[p] · b[indices[p], :] over the stored entries p of row i. */
export function csrMatmul(a: CsrArrays, b: TypedArray, n: number, out: TypedArray): void {
  const { rows, indptr, indices, values } = a;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const rowOut = i * n;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const scale = values[p]!;
      const rowB = indices[p]! * n;
      for (let j = 0; j < n; j++) out[rowOut + j] = out[rowOut + j]! + scale * b[rowB + j]!;
    }
  }
}

/** out[indices[p], :] += values[p] · g[i, :] for every stored entry p of every row i (Aᵀ never formed). */
export function csrTransposeMatmul(a: CsrArrays, g: TypedArray, n: number, out: TypedArray): void {
  const { rows, indptr, indices, values } = a;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const rowG = i * n;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const scale = values[p]!;
      const rowOut = indices[p]! * n;
      for (let j = 0; j < n; j++) out[rowOut + j] = out[rowOut + j]! + scale * g[rowG + j]!;
    }
  }
}
