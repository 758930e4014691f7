// Sum along axes (all by default), optionally keeping the reduced axes as size 1.
import type { Tensor } from "../tensor/tensor.js";
import { normalizeAxes } from "../tensor/shape.js";
import { defineOp } from "./define-op.js";
import { reduceKernel } from "./kernels.js";

interface ReduceParams {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
}

/** The shape of a reduction result with the reduced axes kept as size 1. */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent));
}

const sumOp = /* @__PURE__ */ defineOp<[Tensor], ReduceParams>({
  name: "sum",
  forward: ([x], { axes, keepDims }) => {
    const result = reduceKernel("sum", x, axes);
    return keepDims ? result.reshape(keptShape(x.shape, axes)) : result;
  },
  // ∂(Σ x)/∂xᵢ = 1: the gradient is broadcast back over the summed axes
  backward: (outputGrad, { inputs: [x], params: { axes } }) => [
    outputGrad.reshape(keptShape(x.shape, axes)).expand(x.shape),
  ],
});

/**
 * Σ over `axis` (a number, negative, an array, or all axes when omitted).
 * @example sum(tensor([[1, 2], [3, 4]]), 1).toArray(); // [3, 7]
 */
export function sum(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const axes = normalizeAxes("sum", axis, x.rank);
  return sumOp([x], { axes, keepDims });
}
