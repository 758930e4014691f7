// The convolution and pooling kernels of the contract (NCHW, contiguous operands, float32/float64).
import type { FloatArray } from "./dtype.js";

/**
 * Where a 2-D convolution reads: x is [batch, inChannels, height, width], y is [batch, outChannels,
 * outHeight, outWidth] and the weight [outChannels, inChannels / groups, kernelHeight, kernelWidth].
 * Output position (i, j) reads x at (i·strideHeight − padTop + a·dilationHeight, j·strideWidth −
 * padLeft + b·dilationWidth) for kernel offsets (a, b); positions outside x read 0. The sizes are
 * given, not derived, so one geometry serves a convolution and both of its transposes.
 */
export interface ConvGeometry {
  readonly batch: number;
  readonly groups: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly height: number;
  readonly width: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
}

/**
 * Where a 2-D pooling window reads: x is [planes, height, width] (planes = batch · channels), the
 * output [planes, outHeight, outWidth]; window (i, j) covers rows i·strideHeight − padTop + a·dilation
 * for a < kernelHeight (and likewise columns). Padding is symmetric: bottom = padTop, right = padLeft.
 */
export interface PoolGeometry {
  readonly planes: number;
  readonly height: number;
  readonly width: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
}

/**
 * Convolution and pooling kernels. Operands are contiguous arrays of one float dtype; every kernel
 * overwrites all of `out`.
 */
export interface ConvKernels {
  /** y[n, o, i, j] = bias[o] + Σ_{c, a, b} w[o, c, a, b] · x[n, g·C/groups + c, …] (g: o's group). */
  conv2d(
    x: FloatArray,
    weight: FloatArray,
    bias: FloatArray | null,
    geometry: ConvGeometry,
    out: FloatArray,
  ): void;
  /** The transpose of conv2d in x (a transposed convolution): out has x's shape, `y` has y's shape. */
  conv2dTranspose(y: FloatArray, weight: FloatArray, geometry: ConvGeometry, out: FloatArray): void;
  /** The transpose of conv2d in the weight: out[o, c, a, b] = Σ_{n, i, j} y[n, o, i, j] · x[n, …]. */
  conv2dWeight(x: FloatArray, y: FloatArray, geometry: ConvGeometry, out: FloatArray): void;
  /**
   * Window maxima, and in `indices` the position h·width + w in its plane of each maximum (the first
   * one in row-major window order on ties; the last NaN, if any). Padding never wins.
   */
  maxPool2d(x: FloatArray, geometry: PoolGeometry, out: FloatArray, indices: Int32Array): void;
  /**
   * The transpose of max pooling's selection: out (x's shape, [planes, height, width]) is zero except
   * out[p, indices[p, k]] += y[p, k] (windows that share a maximum add up).
   */
  maxUnpool2d(y: FloatArray, indices: Int32Array, geometry: PoolGeometry, out: FloatArray): void;
  /**
   * Window means (dilation 1); the divisor counts the padding inside the window when
   * `countIncludePad`, else only the positions inside x (PyTorch's avg_pool2d).
   */
  avgPool2d(x: FloatArray, geometry: PoolGeometry, countIncludePad: boolean, out: FloatArray): void;
  /** The transpose of avgPool2d: out (x's shape) gathers y[window] / divisor over the windows covering it. */
  avgPool2dTranspose(
    y: FloatArray,
    geometry: PoolGeometry,
    countIncludePad: boolean,
    out: FloatArray,
  ): void;
}
