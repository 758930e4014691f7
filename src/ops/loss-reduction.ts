// How the fused loss primitives combine per-sample values: mean, sum, or none (one per sample).
import type { DType } from "../backend/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { emptyTensor, outputTensor } from "./kernels.js";

export type LossReduction = "mean" | "sum" | "none";

/** The parameters of a fused loss primitive: its reduction, and what its forward keeps for the backward. */
export interface LossParams<Saved> {
  readonly reduction: LossReduction;
  /** Filled by the forward, read by the backward. */
  readonly saved: Saved;
}

/**
 * The output of a loss over `losses` (float64 per-sample values): a [] tensor holding their mean or
 * sum (accumulated in float64), or a tensor of `shape` holding them all.
 */
export function reducedLoss(
  losses: Float64Array,
  shape: readonly number[],
  dtype: DType,
  reduction: LossReduction,
): Tensor {
  if (reduction === "none") {
    const output = outputTensor(shape, dtype);
    output.data.set(losses);
    return output;
  }
  let total = 0;
  for (let i = 0; i < losses.length; i++) total += losses[i]!;
  const output = emptyTensor([], dtype);
  output.data[0] = reduction === "mean" ? total / losses.length : total;
  return output;
}

/** The upstream gradient of a reduced loss as the per-sample weight (÷ count for the mean). */
export function perSampleGrad(outputGrad: Tensor, count: number, reduction: LossReduction): Tensor {
  return reduction === "mean" ? outputGrad.div(count) : outputGrad;
}
