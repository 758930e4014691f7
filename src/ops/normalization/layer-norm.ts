// layerNorm: each sample normalised over its trailing normalizedShape, with an elementwise affine.
import { formatShape, ShapeError } from "../../tensor/errors.js";
import { sameShape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { normOperands, type AffineOptions } from "./norm-operands.js";
import { layerNormPrimitive, rowNorm } from "./row-norm.js";

/** layerNorm's options: weight and bias of the normalized shape (elementwise affine), and eps. */
export type LayerNormOptions = AffineOptions;

/**
 * (x − E[x]) / √(Var[x] + eps) · weight + bias, with the mean and the biased variance taken over the
 * last `normalizedShape.length` axes, which must equal `normalizedShape` (PyTorch's layer_norm).
 * Input, weight and bias promote to one float dtype (int32 input computes in float32).
 * @example layerNorm(tensor([[1, 2, 3]]), [3]).toArray(); // [[−1.2247, 0, 1.2247]]
 */
export function layerNorm(
  input: Tensor,
  normalizedShape: number | readonly number[],
  options: LayerNormOptions = {},
): Tensor {
  const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
  if (shape.length === 0 || !shape.every((extent) => Number.isInteger(extent) && extent > 0)) {
    throw new ShapeError(
      `layerNorm: normalizedShape must list at least one positive extent, got ${formatShape(shape)}`,
    );
  }
  const trailing = input.shape.slice(input.rank - shape.length);
  if (input.rank < shape.length || !sameShape(trailing, shape)) {
    throw new ShapeError(
      `layerNorm: normalizedShape ${formatShape(shape)} does not match the input's trailing shape: input ${formatShape(input.shape)}, expected [*, ${shape.join(", ")}]`,
    );
  }
  const operands = normOperands(
    "layerNorm",
    input,
    options,
    shape,
    `normalizedShape ${formatShape(shape)}`,
  );
  const length = shape.reduce((product, extent) => product * extent, 1);
  const rows = input.size / length;
  return rowNorm(layerNormPrimitive, operands, { rows, length, span: 1, channels: length });
}
