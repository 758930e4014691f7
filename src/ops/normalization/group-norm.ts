// groupNorm: the channels of each sample split into groups, each normalised over its channels and
// spatial positions, then a per-channel affine.
import { formatShape, ShapeError } from "../../tensor/errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { checkBatchedInput, normOperands, type AffineOptions } from "./norm-operands.js";
import { groupNormPrimitive, rowNorm } from "./row-norm.js";

/** groupNorm's options: weight and bias of shape [C], and eps. */
export type GroupNormOptions = AffineOptions;

/**
 * For input [N, C, *] and G = numGroups dividing C: each sample's C/G channels of a group (with all
 * their positions) normalised by their mean and biased variance, then weight[c]·x̂ + bias[c].
 * Input, weight and bias promote to one float dtype (int32 input computes in float32).
 * @example groupNorm(randn([2, 6, 4]), 3, { weight: ones([6]) }).shape; // [2, 6, 4]
 */
export function groupNorm(
  input: Tensor,
  numGroups: number,
  options: GroupNormOptions = {},
): Tensor {
  checkBatchedInput("groupNorm", input);
  const [batch, channels] = input.shape as [number, number];
  if (!Number.isInteger(numGroups) || numGroups <= 0)
    throw new RangeError(`groupNorm: numGroups must be a positive integer, got ${numGroups}`);
  if (channels % numGroups !== 0) {
    throw new ShapeError(
      `groupNorm: the input's ${channels} channels (shape ${formatShape(input.shape)}) are not divisible by numGroups ${numGroups}`,
    );
  }
  const operands = normOperands("groupNorm", input, options, [channels], `${channels} channels`);
  const span = input.shape.slice(2).reduce((product, extent) => product * extent, 1);
  const rows = batch * numGroups;
  const length = (channels / numGroups) * span;
  return rowNorm(groupNormPrimitive, operands, { rows, length, span, channels });
}
