// Mean, variance and standard deviation along axes: mean is a composite of sum, variance a primitive.
import { normalizeAxes } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { reducedCount, varianceOp } from "../variance.js";
import { where } from "../where.js";

type Axis = number | readonly number[];

/**
 * The arithmetic mean along `axis` (a number, negative, an array, or all axes when omitted).
 * @example mean(tensor([[1, 2], [3, 4]]), 0).toArray(); // [2, 3]
 */
export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  const axes = normalizeAxes("mean", axis, x.rank);
  return x.sum(axes, keepDims).div(reducedCount(x, axes));
}

/**
 * The variance along `axis`, Σ(x − mean)² / (n − correction); correction 1 (default) is unbiased like
 * torch.var. When n ≤ correction the divisor is 0, so the result is NaN (constant data) or ∞, and the
 * gradient ±∞ (NaN where x equals the mean), as in PyTorch.
 * @example variance(tensor([1, 2, 3, 4])).item(); // 1.6667
 */
export function variance(x: Tensor, axis?: Axis, keepDims = false, correction = 1): Tensor {
  if (!(Number.isFinite(correction) && correction >= 0)) {
    throw new RangeError(`variance: correction must be a finite number ≥ 0, got ${correction}`);
  }
  return varianceOp([x], { axes: normalizeAxes("variance", axis, x.rank), keepDims, correction });
}

/**
 * The standard deviation along `axis`: √variance (unbiased by default). Where the variance is 0
 * (constant data, or a size-1 axis with correction 0) the gradient is 0, as in PyTorch, not 0·∞.
 * @example std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), undefined, false, 0).item(); // 2
 */
export function std(x: Tensor, axis?: Axis, keepDims = false, correction = 1): Tensor {
  const squared = variance(x, axis, keepDims, correction);
  const isZero = squared.eq(0);
  // NOTE: √ is evaluated at 1 where the variance is 0, so neither order of its derivative meets 1/√0
  return where(isZero, 0, where(isZero, 1, squared).sqrt());
}
