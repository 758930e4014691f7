// The addon's normalisation kernels behind the backend contract: large float inputs go native (rows
// and channels split over threads), small ones run the js reference.
import type { FloatArray } from "../dtype.js";
import type {
  ChannelNormShape,
  NormalizationKernels,
  RowNormShape,
} from "../normalization-kernels.js";

/** The addon's normalisation functions (native/src/normalization-addon.cc); nulls pass as empty arrays. */
export interface NormalizationBinding {
  /** (x, weight, bias, out, mean, rstd, [rows, length, span, channels, eps]) */
  rowNormForward(...args: [...Forward, dims: Float64Array]): void;
  /** (g, x, mean, rstd, weight, dx, dWeight, dBias, [rows, length, span, channels, eps]) */
  rowNormBackward(...args: [...Backward, dims: Float64Array]): void;
  /** (x, weight, bias, out, mean, variance, [batch, channels, spatial, eps, training]) */
  channelNormForward(...args: [...Forward, dims: Float64Array]): void;
  /** (g, x, mean, rstd, weight, dx, dWeight, dBias, [batch, channels, spatial, eps, training]) */
  channelNormBackward(...args: [...Backward, dims: Float64Array]): void;
}

type Forward = [FloatArray, FloatArray, FloatArray, FloatArray, Float64Array, Float64Array];
type Backward = [FloatArray, FloatArray, Float64Array, Float64Array, ...FloatArray[]];

export const NORMALIZATION_FUNCTIONS = [
  "rowNormForward",
  "rowNormBackward",
  "channelNormForward",
  "channelNormBackward",
] as const satisfies readonly (keyof NormalizationBinding)[];

/** Below this many input elements the js loops beat the call into the addon. */
const MIN_NATIVE = 4096;
const NONE = new Float64Array(0);

/** The native kernels where they pay, `reference` (js) elsewhere or on mixed dtypes. */
export function nativeNormalization(
  binding: NormalizationBinding,
  reference: NormalizationKernels,
): NormalizationKernels {
  const dims = new Float64Array(5);
  const rowDims = ({ rows, length, span, channels, eps }: RowNormShape): Float64Array =>
    dims.fill(0).set([rows, length, span, channels, eps]) ?? dims;
  const channelDims = ({
    batch,
    channels,
    spatial,
    eps,
    training,
  }: ChannelNormShape): Float64Array =>
    dims.fill(0).set([batch, channels, spatial, eps, training ? 1 : 0]) ?? dims;
  /** Whether every present array shares x's float type and x is large enough. */
  const native = (x: FloatArray, ...others: (FloatArray | null)[]): boolean =>
    x.length >= MIN_NATIVE && others.every((a) => a === null || a.constructor === x.constructor);
  return {
    rowNormForward(x, affine, shape, out, mean, rstd) {
      if (!native(x, affine.weight, affine.bias, out))
        return reference.rowNormForward(x, affine, shape, out, mean, rstd);
      const { weight, bias } = affine;
      binding.rowNormForward(x, weight ?? NONE, bias ?? NONE, out, mean, rstd, rowDims(shape));
    },
    rowNormBackward(g, x, mean, rstd, weight, shape, out) {
      const { dx, dWeight, dBias } = out;
      if (!native(x, g, weight, dx, dWeight, dBias))
        return reference.rowNormBackward(g, x, mean, rstd, weight, shape, out);
      const [w, d] = [weight ?? NONE, rowDims(shape)];
      binding.rowNormBackward(g, x, mean, rstd, w, dx ?? NONE, dWeight ?? NONE, dBias ?? NONE, d);
    },
    channelNormForward(x, affine, shape, out, mean, variance) {
      if (!native(x, affine.weight, affine.bias, out))
        return reference.channelNormForward(x, affine, shape, out, mean, variance);
      const { weight, bias } = affine;
      const d = channelDims(shape);
      binding.channelNormForward(x, weight ?? NONE, bias ?? NONE, out, mean, variance, d);
    },
    channelNormBackward(g, x, mean, rstd, weight, shape, out) {
      const { dx, dWeight, dBias } = out;
      if (!native(x, g, weight, dx, dWeight, dBias))
        return reference.channelNormBackward(g, x, mean, rstd, weight, shape, out);
      const [w, d] = [weight ?? NONE, channelDims(shape)];
      binding.channelNormBackward(
        g,
        x,
        mean,
        rstd,
        w,
        dx ?? NONE,
        dWeight ?? NONE,
        dBias ?? NONE,
        d,
      );
    },
  };
}
