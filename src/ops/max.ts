// Maximum and minimum along axes (all by default): the gradient flows to the extreme positions.
import type { ReduceKernel } from "../backend/backend.js";
import { ShapeError } from "../tensor/errors.js";
import { normalizeAxes } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { eq } from "./binary.js";
import { defineOp } from "./define-op.js";
import { reduceKernel } from "./kernels.js";
import { keptShape } from "./sum.js";

interface ReduceParams {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
}

function extremum(kernel: ReduceKernel) {
  const op = defineOp<[Tensor], ReduceParams>({
    name: kernel,
    forward: ([x], { axes, keepDims }) => {
      const result = reduceKernel(kernel, x, axes);
      return keepDims ? result.reshape(keptShape(x.shape, axes)) : result;
    },
    // ∂max(x)/∂xᵢ = [xᵢ = max(x)] / #{j : xⱼ = max(x)}, ties sharing evenly like torch.amax (min alike)
    backward: (outputGrad, { inputs: [x], output, params: { axes } }) => {
      const kept = keptShape(x.shape, axes);
      const mask = eq(x, output.reshape(kept)).astype(outputGrad.dtype);
      return [outputGrad.reshape(kept).mul(mask.div(mask.sum(axes, true)))];
    },
  });
  return (x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor => {
    const axes = normalizeAxes(kernel, axis, x.rank);
    checkNonEmptyAxes(kernel, x.shape, axes);
    return op([x], { axes, keepDims });
  };
}

/**
 * Throws unless every axis in `axes` has elements: an extremum (or its position) of nothing has no
 * identity, so PyTorch raises rather than returning ∓∞.
 */
export function checkNonEmptyAxes(
  op: string,
  shape: readonly number[],
  axes: readonly number[],
): void {
  const empty = axes.find((axis) => shape[axis] === 0);
  if (empty !== undefined) {
    throw new ShapeError(
      `${op}: axis ${empty} of shape [${shape.join(", ")}] is empty, and ${op} of no elements is undefined`,
    );
  }
}

/**
 * The largest element along `axis` (a number, negative, an array, or all axes when omitted); NaN where
 * the reduced elements hold a NaN. A ShapeError on an empty axis (as in PyTorch).
 * @example max(tensor([[1, 5], [7, 2]]), 1).toArray(); // [5, 7]
 */
export const max = extremum("max");

/**
 * The smallest element along `axis` (a number, negative, an array, or all axes when omitted); NaN where
 * the reduced elements hold a NaN. A ShapeError on an empty axis (as in PyTorch).
 * @example min(tensor([[1, 5], [7, 2]]), 1).toArray(); // [1, 2]
 */
export const min = extremum("min");
