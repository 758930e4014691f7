// Checks and casts shared by the normalisation ops: one float dtype for input, weight and bias, shapes
// named in every error, and the affine factors as the list of recorded inputs.
import { promoteTypes, type DType } from "../../backend/dtype.js";
import { formatShape, ShapeError } from "../../tensor/errors.js";
import { sameShape } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { astype } from "../astype.js";

/** The optional affine factors of a normalisation, as its options name them. */
export interface AffineOptions {
  /** Scale per channel (or per element of layerNorm's normalized shape); none means 1. */
  readonly weight?: Tensor | null;
  /** Shift per channel (or per element of layerNorm's normalized shape); none means 0. */
  readonly bias?: Tensor | null;
  /** Added to the variance before the square root (default 1e-5, as PyTorch). */
  readonly eps?: number;
}

/**
 * Input, weight and bias in one float dtype, promoted as gradus's elementwise ops do: int32 input
 * computes in float32 (PyTorch refuses it), float32 with float64 gives float64.
 */
export interface NormOperands {
  readonly x: Tensor;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly eps: number;
}

/** The recorded inputs: x, then the weight and bias that are present. */
export const recordedInputs = ({ x, weight, bias }: NormOperands): Tensor[] => [
  x,
  ...(weight === null ? [] : [weight]),
  ...(bias === null ? [] : [bias]),
];

/** Weight and bias back out of the recorded inputs. */
export function affineOf(
  inputs: readonly Tensor[],
  hasWeight: boolean,
  hasBias: boolean,
): [Tensor | null, Tensor | null] {
  return [hasWeight ? inputs[1]! : null, hasBias ? inputs[hasWeight ? 2 : 1]! : null];
}

/** Gradients [dx, dWeight, dBias] in the order of the recorded inputs. */
export const alignedGradients = (
  [dx, dWeight, dBias]: readonly (Tensor | null)[],
  hasWeight: boolean,
  hasBias: boolean,
): (Tensor | null)[] => [
  dx ?? null,
  ...(hasWeight ? [dWeight ?? null] : []),
  ...(hasBias ? [dBias ?? null] : []),
];

/**
 * Checks weight and bias against `shape` (naming `what` the shape is, e.g. "normalizedShape [4]")
 * and eps, and casts all three tensors to their promoted float dtype.
 */
export function normOperands(
  op: string,
  input: Tensor,
  options: AffineOptions,
  shape: readonly number[],
  what: string,
): NormOperands {
  const { weight = null, bias = null, eps = 1e-5 } = options;
  for (const [name, value] of [
    ["weight", weight],
    ["bias", bias],
  ] as const) {
    if (value !== null && !sameShape(value.shape, shape)) {
      throw new ShapeError(
        `${op}: ${name} has shape ${formatShape(value.shape)} but ${what} needs ${formatShape(shape)} (input ${formatShape(input.shape)})`,
      );
    }
  }
  if (!(eps >= 0 && Number.isFinite(eps)))
    throw new RangeError(`${op}: eps must be a finite number ≥ 0, got ${eps}`);
  const dtype = [weight, bias].reduce<DType>(
    (widest, value) => (value === null ? widest : promoteTypes(widest, value.dtype)),
    input.dtype === "int32" ? "float32" : input.dtype,
  );
  const cast = (value: Tensor | null): Tensor | null =>
    value === null ? null : astype(value, dtype);
  return { x: cast(input)!, weight: cast(weight), bias: cast(bias), eps };
}

/** Throws unless the input has at least [N, C]. */
export function checkBatchedInput(op: string, input: Tensor): void {
  if (input.rank < 2) {
    throw new ShapeError(
      `${op}: input must have at least 2 dimensions [N, C, …], got shape ${formatShape(input.shape)}`,
    );
  }
}
