// The sparse × dense product (text features), differentiable in its dense operand.
import { CsrMatrix } from "../../tensor/sparse/csr-matrix.js";
import type { Generator } from "../../tensor/random.js";
import { between, values } from "../cases/random-inputs.js";
import type { OpFamily } from "../op-row.js";
import { sparseMatmul } from "../sparse/sparse-matmul.js";

/** A [rows, cols] float64 CSR matrix with about half its entries zero. */
function sparse(g: Generator, rows: number, cols: number): CsrMatrix {
  const dense = values(g, [rows, cols]).mul(values(g, [rows, cols], { low: 0, high: 1 }).gt(0.5));
  return CsrMatrix.fromDense(dense.astype("float64"));
}

export const sparseOps = {
  sparseMatmul: {
    fn: sparseMatmul,
    rule: "∂(A·B)/∂B = Aᵀ·G (A is data, not differentiated)",
    cases: [
      (g) => {
        const [m, k] = [between(g, 1, 4), between(g, 1, 4)];
        const a = sparse(g, m, k);
        const b = values(g, g.uniform() < 0.5 ? [k] : [k, between(g, 1, 3)]);
        // sigmoid after the product: logistic regression on sparse features, curved for second order
        return { inputs: [b], f: (w) => sparseMatmul(a, w).sigmoid() };
      },
    ],
  },
} satisfies OpFamily;
