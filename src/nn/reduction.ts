// How a loss combines its per-sample values: their mean, their sum, or none (one value per sample).
import { formatShape, ShapeError } from "../tensor/errors.js";
import type { LossReduction } from "../ops/loss-reduction.js";
import type { Tensor } from "../tensor/tensor.js";

/** "mean", "sum" or "none": the one reduction type of every loss (the fused primitives' too). */
export type Reduction = LossReduction;

export interface LossOptions {
  /** "mean" (default), "sum" or "none". */
  readonly reduction?: Reduction;
}

/** Applies the reduction to per-sample losses. */
export function reduce(losses: Tensor, reduction: Reduction = "mean"): Tensor {
  switch (reduction) {
    case "mean":
      return losses.mean();
    case "sum":
      return losses.sum();
    case "none":
      return losses;
  }
}

/** Throws a ShapeError naming both shapes unless `a` and `b` have the same shape. */
export function checkSameShape(loss: string, what: [string, string], a: Tensor, b: Tensor): void {
  const same = a.rank === b.rank && a.shape.every((extent, axis) => extent === b.shape[axis]);
  if (!same) {
    throw new ShapeError(
      `${loss}: ${what[0]} shape ${formatShape(a.shape)} does not match ${what[1]} shape ${formatShape(b.shape)}`,
    );
  }
}

/** Targets in the logits' floating dtype (int32 labels 0/1 become floats). */
export function asFloatLike(targets: Tensor, like: Tensor): Tensor {
  const dtype = like.dtype === "int32" ? "float32" : like.dtype;
  return targets.dtype === dtype ? targets : targets.astype(dtype);
}
