// Mean squared error between a prediction and a target of the same shape.
import type { Tensor } from "../tensor/tensor.js";
import { asFloatLike, checkSameShape, reduce, type LossOptions } from "./reduction.js";

/**
 * Mean squared error (ŷ − y)², averaged (or summed) over all elements.
 * @example nn.mseLoss(prediction, target).item();
 */
export function mseLoss(prediction: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  checkSameShape("mseLoss", ["prediction", "target"], prediction, target);
  return reduce(prediction.sub(asFloatLike(target, prediction)).square(), options.reduction);
}
