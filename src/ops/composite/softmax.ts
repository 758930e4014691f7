// logsumexp and softmax: stable composites (logsumexp subtracts the detached max; softmax is exp(logSoftmax)).
import { noGrad } from "../../autodiff/index.js";
import { normalizeAxes } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { zeros } from "../../tensor/creation.js";
import { logSoftmax } from "../log-softmax.js";
import { keptShape } from "../sum.js";
import { where } from "../where.js";

type Axis = number | readonly number[];

/**
 * The max along `axes` (kept), detached, with ±∞ replaced by 0 so that x − max stays finite; 0 over
 * an empty axis (whose max is undefined), where logsumexp is log 0 = −∞ as in PyTorch.
 */
function stableShift(x: Tensor, axes: readonly number[]): Tensor {
  if (axes.some((axis) => x.shape[axis] === 0))
    return zeros(keptShape(x.shape, axes), { dtype: x.dtype });
  return noGrad(() => {
    const peak = x.detach().max(axes, true);
    return where(peak.abs().lt(Infinity), peak, 0);
  });
}

/**
 * log Σ exp(x) along `axis` (all axes when omitted), computed as m + log Σ exp(x − m) with m = max x,
 * so it is finite for huge inputs and its gradient is softmax(x).
 * @example logsumexp(tensor([1000, 1000])).item(); // 1000 + log 2
 */
export function logsumexp(x: Tensor, axis?: Axis, keepDims = false): Tensor {
  const axes = normalizeAxes("logsumexp", axis, x.rank);
  const shift = stableShift(x, axes);
  const result = x.sub(shift).exp().sum(axes, true).log().add(shift);
  return keepDims ? result : result.reshape(x.shape.filter((_, a) => !axes.includes(a)));
}

/**
 * exp(x) / Σ exp(x) along `axis` (the last by default), stable for huge logits.
 * @example softmax(tensor([1, 2, 3])).toArray(); // [0.0900, 0.2447, 0.6652]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  return logSoftmax(x, axis).exp();
}
