// Binary cross-entropy from logits, stable for any logit: max(z, 0) − z·y + log(1 + e^{−|z|}).
import type { Tensor } from "../tensor/tensor.js";
import { asFloatLike, checkSameShape, reduce, type LossOptions } from "./reduction.js";

/**
 * −[y log σ(z) + (1 − y) log(1 − σ(z))] computed from the logits z without forming σ(z), so logits of
 * ±1000 give finite losses and gradients σ(z) − y.
 * @example nn.binaryCrossEntropyWithLogits(tensor([0, 1000]), tensor([1, 1])).item(); // log(2)/2
 */
export function binaryCrossEntropyWithLogits(
  logits: Tensor,
  targets: Tensor,
  options: LossOptions = {},
): Tensor {
  checkSameShape("binaryCrossEntropyWithLogits", ["logits", "targets"], logits, targets);
  const z = logits.dtype === "int32" ? logits.astype("float32") : logits;
  const y = asFloatLike(targets, z);
  // NOTE: one branch mask m = [z > 0] for both terms keeps the gradient exact at z = 0 (σ(0) − y),
  // where max and |·| would each pick a one-sided derivative.
  const positive = z.gt(0).astype(z.dtype);
  const negativeAbs = z.mul(positive.mul(-2).add(1));
  const losses = z.mul(positive).sub(z.mul(y)).add(negativeAbs.exp().add(1).log());
  return reduce(losses, options.reduction);
}
