// Binary cross-entropy from logits as a primitive: one stable pass (reduction included), backward σ(z) − y.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { contiguousData } from "./kernels.js";
import { perSampleGrad, reducedLoss, type LossReduction } from "./loss-reduction.js";
import { sigmoid } from "./unary.js";

interface Params {
  readonly reduction: LossReduction;
}

const sigmoidCrossEntropyOp = defineOp<[Tensor, Tensor], Params>({
  name: "sigmoidCrossEntropy",
  forward: ([logits, targets], { reduction }) => {
    const z = contiguousData(logits);
    const y = contiguousData(targets);
    const losses = new Float64Array(z.length);
    // max(z, 0) − z·y + log(1 + e^{−|z|}): finite for any finite z
    for (let i = 0; i < z.length; i++) {
      const zi = z[i]!;
      losses[i] = Math.max(zi, 0) - zi * y[i]! + Math.log1p(Math.exp(-Math.abs(zi)));
    }
    return reducedLoss(losses, logits.shape, logits.dtype, reduction);
  },
  // ∂/∂z = σ(z) − y (exact at z = 0 too), ∂/∂y = −z, each times the per-sample upstream gradient
  backward: (outputGrad, { inputs: [logits, targets], params: { reduction } }) => {
    const g = perSampleGrad(outputGrad, logits.size, reduction);
    return [
      logits.requiresGrad ? g.mul(sigmoid(logits).sub(targets)) : null,
      targets.requiresGrad ? g.mul(logits).neg() : null,
    ];
  },
});

/**
 * −[y log σ(z) + (1 − y) log(1 − σ(z))] for float logits z and targets y of the same shape and
 * dtype, computed without forming σ(z): elementwise ("none"), or their mean or sum as a scalar.
 * @example sigmoidCrossEntropy(tensor([0]), tensor([1]), "mean").item(); // log 2
 */
export function sigmoidCrossEntropy(
  logits: Tensor,
  targets: Tensor,
  reduction: LossReduction = "none",
): Tensor {
  return sigmoidCrossEntropyOp([logits, targets], { reduction });
}
