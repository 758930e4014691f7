// Variance along axes as a primitive: its backward never passes through the mean's own gradient, so
// constant data and n ≤ correction give PyTorch's gradients (0, ±∞) instead of NaN from ∞ − ∞.
import { noGrad } from "../autodiff/index.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { keptShape } from "./sum.js";

interface VarianceParams {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
  readonly correction: number;
}

/** How many elements each reduction over `axes` combines. */
export function reducedCount(x: Tensor, axes: readonly number[]): number {
  return axes.reduce((count, a) => count * x.shape[a]!, 1);
}

/** Σ(x − mean)² / max(n − correction, 0): 0/0 = NaN and c/0 = ∞ when n ≤ correction, as in PyTorch. */
function varianceForward(x: Tensor, { axes, keepDims, correction }: VarianceParams): Tensor {
  const n = reducedCount(x, axes);
  const centred = x.sub(x.sum(axes, true).div(n));
  return centred
    .square()
    .sum(axes, keepDims)
    .div(Math.max(n - correction, 0));
}

/** The primitive variance over sorted, normalised `axes`. */
export const varianceOp = /* @__PURE__ */ defineOp<[Tensor], VarianceParams>({
  name: "variance",
  forward: ([x], params) => noGrad(() => varianceForward(x, params)),
  // ∂var/∂xᵢ = 2(xᵢ − mean x)/(n − correction), the Σⱼ(xⱼ − mean x) = 0 term dropped exactly
  backward: (outputGrad, { inputs: [x], params: { axes, correction } }) => {
    const n = reducedCount(x, axes);
    const centred = x.sub(x.sum(axes, true).div(n));
    const scale = outputGrad.reshape(keptShape(x.shape, axes)).mul(2 / Math.max(n - correction, 0));
    return [centred.mul(scale)];
  },
});
