// Mean, variance and standard deviation along axes: composites of sum, so their gradients come for free.
import { normalizeAxes } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";

type Axis = number | readonly number[];

/** How many elements each reduction over `axes` combines. */
function reducedCount(x: Tensor, axes: readonly number[]): number {
  return axes.reduce((count, a) => count * x.shape[a]!, 1);
}

/**
 * The arithmetic mean along `axis` (a number, negative, an array, or all axes when omitted).
 * @example mean(tensor([[1, 2], [3, 4]]), 0).toArray(); // [2, 3]
 */
export function mean(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  const axes = normalizeAxes("mean", axis, x.rank);
  return x.sum(axes, keepDims).div(reducedCount(x, axes));
}

/**
 * The variance along `axis`, Σ(x − mean)² / (n − correction); correction 1 (default) is unbiased like torch.var.
 * @example variance(tensor([1, 2, 3, 4])).item(); // 1.6667
 */
export function variance(x: Tensor, axis?: Axis, keepDims = false, correction = 1): Tensor {
  const axes = normalizeAxes("variance", axis, x.rank);
  const centred = x.sub(mean(x, axes, true));
  const divisor = Math.max(reducedCount(x, axes) - correction, 0);
  return centred.square().sum(axes, keepDims).div(divisor);
}

/**
 * The standard deviation along `axis`: √variance (unbiased by default).
 * @example std(tensor([2, 4, 4, 4, 5, 5, 7, 9]), undefined, false, 0).item(); // 2
 */
export function std(x: Tensor, axis?: Axis, keepDims = false, correction = 1): Tensor {
  return variance(x, axis, keepDims, correction).sqrt();
}
