// maxPool1d/2d and avgPool1d/2d with PyTorch's options and output sizes (1-D is 2-D with a height of 1).
import type { PoolGeometry } from "../../backend/conv-kernels.js";
import { formatShape, ShapeError } from "../../tensor/errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { checkFloatOperands, pairOf, type Pair } from "./geometry.js";
import { avgPoolOp, maxPoolOp } from "./pool-primitives.js";

export interface MaxPool2dOptions {
  readonly kernelSize: Pair;
  /** Default: kernelSize. */
  readonly stride?: Pair;
  /** Implicit −∞ padding on each side, at most half the kernel. */
  readonly padding?: Pair;
  readonly dilation?: Pair;
  /** Round the output size up (a last window may overhang the input), as PyTorch's ceil_mode. */
  readonly ceilMode?: boolean;
}

export interface AvgPool2dOptions {
  readonly kernelSize: Pair;
  readonly stride?: Pair;
  /** Implicit zero padding on each side, at most half the kernel. */
  readonly padding?: Pair;
  readonly ceilMode?: boolean;
  /** Count the padding in each window's divisor (default true, as PyTorch). */
  readonly countIncludePad?: boolean;
}

export interface MaxPool1dOptions {
  readonly kernelSize: number;
  readonly stride?: number;
  readonly padding?: number;
  readonly dilation?: number;
  readonly ceilMode?: boolean;
}

export interface AvgPool1dOptions {
  readonly kernelSize: number;
  readonly stride?: number;
  readonly padding?: number;
  readonly ceilMode?: boolean;
  readonly countIncludePad?: boolean;
}

/** PyTorch's pooling output size along one axis. */
function pooledSize(
  size: number,
  k: number,
  s: number,
  p: number,
  d: number,
  ceil: boolean,
): number {
  const span = d * (k - 1) + 1;
  let out = Math.floor((size + 2 * p - span + (ceil ? s - 1 : 0)) / s) + 1;
  // a last window starting in the right padding is dropped
  if (ceil && (out - 1) * s >= size + p) out--;
  return out;
}

/** Throws if some window along an axis reads padding only (possible with dilation): PyTorch leaves −∞ there. */
function checkWindows(
  op: string,
  size: number,
  k: number,
  s: number,
  p: number,
  d: number,
  out: number,
) {
  for (let i = 0; i < out; i++) {
    const top = i * s - p;
    let a = 0;
    while (a < k && (top + a * d < 0 || top + a * d >= size)) a++;
    if (a === k) {
      throw new ShapeError(
        `${op}: window ${i} (kernel ${k}, dilation ${d}, padding ${p}) covers only padding of an axis of size ${size}`,
      );
    }
  }
}

/** The geometry of pooling `x` ([…, H, W], at least 3-D) under the options. */
function poolGeometry(op: string, x: Tensor, options: MaxPool2dOptions): PoolGeometry {
  checkFloatOperands(op, x);
  if (x.rank !== 3 && x.rank !== 4) {
    throw new ShapeError(
      `${op}: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got ${formatShape(x.shape)}`,
    );
  }
  const [kh, kw] = pairOf(op, "kernelSize", options.kernelSize, 1);
  const [sh, sw] = pairOf(op, "stride", options.stride ?? options.kernelSize, 1);
  const [ph, pw] = pairOf(op, "padding", options.padding ?? 0, 0);
  const [dh, dw] = pairOf(op, "dilation", options.dilation ?? 1, 1);
  if (ph > kh / 2 || pw > kw / 2) {
    throw new RangeError(
      `${op}: padding [${ph}, ${pw}] must be at most half of kernelSize [${kh}, ${kw}]`,
    );
  }
  const [height, width] = x.shape.slice(-2) as [number, number];
  const ceil = options.ceilMode ?? false;
  const outHeight = pooledSize(height, kh, sh, ph, dh, ceil);
  const outWidth = pooledSize(width, kw, sw, pw, dw, ceil);
  if (outHeight < 1 || outWidth < 1) {
    throw new ShapeError(
      `${op}: output size [${outHeight}, ${outWidth}] is too small for input ${formatShape(x.shape)} (kernelSize [${kh}, ${kw}], padding [${ph}, ${pw}], dilation [${dh}, ${dw}])`,
    );
  }
  checkWindows(op, height, kh, sh, ph, dh, outHeight);
  checkWindows(op, width, kw, sw, pw, dw, outWidth);
  const planes = x.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return {
    planes,
    height,
    width,
    outHeight,
    outWidth,
    kernelHeight: kh,
    kernelWidth: kw,
    strideHeight: sh,
    strideWidth: sw,
    padTop: ph,
    padLeft: pw,
    dilationHeight: dh,
    dilationWidth: dw,
  };
}

/**
 * 2-D max pooling of [N, C, H, W] or [C, H, W]; the gradient flows to each window's maximum.
 * @example maxPool2d(randn([1, 1, 4, 4]), { kernelSize: 2 }).shape; // [1, 1, 2, 2]
 */
export function maxPool2d(input: Tensor, options: MaxPool2dOptions): Tensor {
  const geometry = poolGeometry("maxPool2d", input, options);
  return maxPoolOp([input], { geometry, saved: { indices: null } });
}

/**
 * 2-D average pooling of [N, C, H, W] or [C, H, W].
 * @example avgPool2d(ones([1, 1, 4, 4]), { kernelSize: 2 }).toArray(); // [[[[1, 1], [1, 1]]]]
 */
export function avgPool2d(input: Tensor, options: AvgPool2dOptions): Tensor {
  const geometry = poolGeometry("avgPool2d", input, options);
  return avgPoolOp([input], { geometry, countIncludePad: options.countIncludePad ?? true });
}

/** 1-D options as 2-D ones over a height of 1. */
function asPlanar(options: MaxPool1dOptions | AvgPool1dOptions): MaxPool2dOptions {
  const { kernelSize, stride = kernelSize, padding = 0, ceilMode = false } = options;
  const dilation = "dilation" in options ? (options.dilation ?? 1) : 1;
  return {
    kernelSize: [1, kernelSize],
    stride: [1, stride],
    padding: [0, padding],
    dilation: [1, dilation],
    ceilMode,
  };
}

/** Runs a 2-D pool on a [N, C, L] or [C, L] input seen as [N, C, 1, L]. */
function pool1d(op: string, input: Tensor, pool: (x: Tensor) => Tensor): Tensor {
  if (input.rank !== 2 && input.rank !== 3) {
    throw new ShapeError(
      `${op}: expected a 2-D [C, L] or 3-D [N, C, L] input, got ${formatShape(input.shape)}`,
    );
  }
  return pool(input.unsqueeze(-2)).squeeze(-2);
}

/**
 * 1-D max pooling of [N, C, L] or [C, L].
 * @example maxPool1d(tensor([[[1, 3, 2, 4]]]), { kernelSize: 2 }).toArray(); // [[[3, 4]]]
 */
export function maxPool1d(input: Tensor, options: MaxPool1dOptions): Tensor {
  return pool1d("maxPool1d", input, (x) => {
    const geometry = poolGeometry("maxPool1d", x, asPlanar(options));
    return maxPoolOp([x], { geometry, saved: { indices: null } });
  });
}

/**
 * 1-D average pooling of [N, C, L] or [C, L].
 * @example avgPool1d(tensor([[[1, 3, 2, 4]]]), { kernelSize: 2 }).toArray(); // [[[2, 3]]]
 */
export function avgPool1d(input: Tensor, options: AvgPool1dOptions): Tensor {
  return pool1d("avgPool1d", input, (x) => {
    const geometry = poolGeometry("avgPool1d", x, asPlanar(options));
    return avgPoolOp([x], { geometry, countIncludePad: options.countIncludePad ?? true });
  });
}
