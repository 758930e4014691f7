// Sparse × dense products A·B and Aᵀ·G (A a constant CsrMatrix), each the other's backward.
import { promoteTypes } from "../../backend/dtype.js";
import { DTypeError, formatShape, ShapeError } from "../../tensor/errors.js";
import type { CsrMatrix, SparseDType } from "../../tensor/sparse/csr-matrix.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp, type Op } from "../define-op.js";
import { contiguousData, emptyTensor } from "../kernels.js";

interface SparseParams {
  readonly matrix: CsrMatrix;
}

/** The matrix with values of `x`'s dtype (the kernels need one dtype; conversions are cached). */
const matching = (matrix: CsrMatrix, x: Tensor): CsrMatrix => matrix.astype(x.dtype as SparseDType);

const sparseMatmulOp: Op<[Tensor], SparseParams> = /* @__PURE__ */ defineOp<[Tensor], SparseParams>(
  {
    name: "sparseMatmul",
    forward: ([b], { matrix }, backend) => {
      const n = b.shape[1]!;
      const output = emptyTensor([matrix.rows, n], b.dtype);
      backend.csrMatmul(matching(matrix, b), contiguousData(b), n, output.data);
      return output;
    },
    // ∂(A·B)/∂B = Aᵀ·G (A is data: no gradient flows to it)
    backward: (outputGrad, { params }) => [sparseTransposeMatmulOp([outputGrad], params)],
  },
);

const sparseTransposeMatmulOp: Op<[Tensor], SparseParams> = /* @__PURE__ */ defineOp<
  [Tensor],
  SparseParams
>({
  name: "sparseTransposeMatmul",
  forward: ([g], { matrix }, backend) => {
    const n = g.shape[1]!;
    const output = emptyTensor([matrix.cols, n], g.dtype);
    backend.csrTransposeMatmul(matching(matrix, g), contiguousData(g), n, output.data);
    return output;
  },
  // ∂(Aᵀ·G)/∂G = A·G' (the transpose of a linear map), so second order reuses sparseMatmul
  backward: (outputGrad, { params }) => [sparseMatmulOp([outputGrad], params)],
});

/** `x` checked and cast to a float 2-D operand with `rows` rows (a 1-D vector becomes a column). */
function operand(op: string, matrix: CsrMatrix, x: Tensor, rows: number, side: string): Tensor {
  if (x.rank !== 1 && x.rank !== 2) {
    throw new ShapeError(
      `${op}: dense operand must be 1-D or 2-D, got shape ${formatShape(x.shape)}`,
    );
  }
  if (x.shape[0] !== rows) {
    throw new ShapeError(
      `${op}: inner dimensions differ: ${side} [${matrix.rows}, ${matrix.cols}] with ${formatShape(x.shape)} (${rows} vs ${x.shape[0]})`,
    );
  }
  const dtype = promoteTypes(matrix.dtype, x.dtype);
  if (dtype === "int32") throw new DTypeError(`${op}: needs a float operand`);
  const cast = x.dtype === dtype ? x : x.astype(dtype);
  return cast.rank === 1 ? cast.reshape([rows, 1]) : cast;
}

/**
 * The product A·B of a sparse [m, k] matrix and a dense [k, n] (or [k]) tensor, differentiable in B:
 * the gradient Aᵀ·G is computed from the CSR arrays without densifying A.
 * @example
 * const logits = sparseMatmul(X, w); // X: CsrMatrix [batch, vocabulary], w: [vocabulary] → [batch]
 */
export function sparseMatmul(a: CsrMatrix, b: Tensor): Tensor {
  const product = sparseMatmulOp([operand("sparseMatmul", a, b, a.cols, "A")], { matrix: a });
  return b.rank === 1 ? product.reshape([a.rows]) : product;
}

/**
 * The product Aᵀ·G of a sparse [m, k] matrix's transpose and a dense [m, n] (or [m]) tensor, without
 * forming Aᵀ; differentiable in G (its gradient is A·G').
 * @example sparseTransposeMatmul(X, residuals); // [vocabulary] from X [batch, vocabulary] and [batch]
 */
export function sparseTransposeMatmul(a: CsrMatrix, g: Tensor): Tensor {
  const product = sparseTransposeMatmulOp(
    [operand("sparseTransposeMatmul", a, g, a.rows, "Aᵀ of")],
    {
      matrix: a,
    },
  );
  return g.rank === 1 ? product.reshape([a.cols]) : product;
}
