// Binary cross-entropy from logits as a primitive: one stable pass (reduction included), backward σ(z) − y.
import { isGradEnabled } from "../autodiff/index.js";
import { allocate, type FloatArray } from "../backend/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { contiguousData, outputTensor } from "./kernels.js";
import {
  perSampleGrad,
  reducedLoss,
  type LossParams,
  type LossReduction,
} from "./loss-reduction.js";
import { sigmoid } from "./activations.js";

/** σ(z) row-major in float64, reused by a first-order backward. */
type Params = LossParams<{ sigma: Float64Array | null }>;

const sigmoidCrossEntropyOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], Params>({
  name: "sigmoidCrossEntropy",
  forward: ([logits, targets], { reduction, saved }, backend) => {
    const losses = allocate("float64", logits.size) as Float64Array;
    const recorded = isGradEnabled() && (logits.requiresGrad || targets.requiresGrad);
    saved.sigma = recorded ? (allocate("float64", logits.size) as Float64Array) : null;
    const z = contiguousData(logits) as FloatArray;
    backend.sigmoidCrossEntropy(z, contiguousData(targets) as FloatArray, losses, saved.sigma);
    return reducedLoss(losses, logits.shape, logits.dtype, reduction);
  },
  // ∂/∂z = σ(z) − y (exact at z = 0 too), ∂/∂y = −z, each times the per-sample upstream gradient
  backward: (outputGrad, { inputs: [logits, targets], params: { reduction, saved } }) => {
    if (!isGradEnabled() && saved.sigma !== null && !targets.requiresGrad) {
      const fused = logits.requiresGrad
        ? fusedLogitsGrad(outputGrad, saved.sigma, logits, targets, reduction)
        : null;
      return [fused, null];
    }
    const g = perSampleGrad(outputGrad, logits.size, reduction);
    return [
      logits.requiresGrad ? g.mul(sigmoid(logits).sub(targets)) : null,
      targets.requiresGrad ? g.mul(logits).neg() : null,
    ];
  },
});

/**
 * g·(σ(z) − y) in one loop from the forward's σ: the first-order gradient (not recorded, so a
 * backward that builds a graph for higher orders takes the op-by-op path above instead).
 */
function fusedLogitsGrad(
  outputGrad: Tensor,
  sigma: Float64Array,
  logits: Tensor,
  targets: Tensor,
  reduction: LossReduction,
): Tensor {
  const y = contiguousData(targets);
  const g = contiguousData(outputGrad);
  const output = outputTensor(logits.shape, logits.dtype);
  const out = output.data;
  if (reduction === "none") {
    for (let i = 0; i < out.length; i++) out[i] = g[i]! * (sigma[i]! - y[i]!);
  } else {
    const weight = reduction === "mean" ? g[0]! / out.length : g[0]!;
    for (let i = 0; i < out.length; i++) out[i] = weight * (sigma[i]! - y[i]!);
  }
  return output;
}

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
  return sigmoidCrossEntropyOp([logits, targets], { reduction, saved: { sigma: null } });
}
