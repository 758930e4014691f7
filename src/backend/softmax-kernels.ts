// The row-softmax kernels of the backend contract: each row's log Σ exp in one pass, and softmax
// cross-entropy's first-order gradient in one pass (language models: rows × a vocabulary).
import type { FloatArray } from "./dtype.js";

export interface SoftmaxKernels {
  /**
   * lse[r] = log Σ_c exp(x[r, c]) for contiguous x [rows, cols], in float64 with the row's maximum
   * subtracted first (a row of −∞ gives −∞, one holding +∞ gives +∞, NaN propagates).
   */
  logSumExpRows(x: FloatArray, rows: number, cols: number, lse: Float64Array): void;
  /**
   * out[r, c] = g[r]·(exp(x[r, c] − lse[r]) − [c = labels[r]]) for contiguous x [rows, cols]; `g`
   * has one entry per row, or a single entry that scales every row (mean and sum reductions).
   */
  softmaxCrossEntropyGrad(
    x: FloatArray,
    labels: Int32Array,
    lse: Float64Array,
    g: Float64Array,
    out: FloatArray,
  ): void;
}
