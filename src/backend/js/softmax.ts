// Reference row-softmax kernels: log Σ exp per row and softmax cross-entropy's gradient, in float64.
import type { FloatArray } from "../dtype.js";
import type { SoftmaxKernels } from "../softmax-kernels.js";

export const logSumExpRows: SoftmaxKernels["logSumExpRows"] = (x, rows, cols, lse) => {
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    let peak = -Infinity;
    for (let c = 0; c < cols; c++) if (x[start + c]! > peak) peak = x[start + c]!;
    // NOTE: an infinite (or absent) peak is not subtracted: inf − inf would turn the row into NaN
    const shift = Math.abs(peak) < Infinity ? peak : 0;
    let total = 0;
    for (let c = 0; c < cols; c++) total += Math.exp(x[start + c]! - shift);
    lse[r] = shift + Math.log(total);
  }
};

export const softmaxCrossEntropyGrad: SoftmaxKernels["softmaxCrossEntropyGrad"] = (
  x: FloatArray,
  labels,
  lse,
  g,
  out,
) => {
  const rows = lse.length;
  const cols = rows === 0 ? 0 : x.length / rows;
  for (let r = 0; r < rows; r++) {
    const [start, shift, scale] = [r * cols, lse[r]!, g.length === 1 ? g[0]! : g[r]!];
    for (let c = 0; c < cols; c++) out[start + c] = scale * Math.exp(x[start + c]! - shift);
    out[start + labels[r]!] = scale * (Math.exp(x[start + labels[r]!]! - shift) - 1);
  }
};
