// conv1d, conv2d and convTranspose2d with PyTorch's options (1-D is 2-D with a height of 1).
import type { ConvGeometry } from "../../backend/conv-kernels.js";
import { formatShape, ShapeError } from "../../tensor/errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import {
  batched,
  checkBias,
  checkFloatOperands,
  checkGroups,
  convGeometry,
  pairOf,
  type ConvOptionsBase,
  type ConvPadding,
  type Pair,
} from "./geometry.js";
import { convOp, convTransposeOp } from "./primitives.js";

export interface Conv2dOptions extends ConvOptionsBase {
  /** Added per output channel: shape [out]. */
  readonly bias?: Tensor | null;
}

export interface Conv1dOptions {
  readonly bias?: Tensor | null;
  readonly stride?: number;
  readonly padding?: number | "same" | "valid";
  readonly dilation?: number;
  readonly groups?: number;
}

export interface ConvTranspose2dOptions {
  readonly bias?: Tensor | null;
  readonly stride?: Pair;
  /** Removed from each side of the full transposed output (PyTorch's dilation·(k − 1) − padding of zeros). */
  readonly padding?: Pair;
  /** Added to one side of the output size (below max(stride, dilation)): picks among the sizes a stride maps to one. */
  readonly outputPadding?: Pair;
  readonly groups?: number;
  readonly dilation?: Pair;
}

/**
 * 2-D convolution (cross-correlation, as in PyTorch) of input [N, C, H, W] or [C, H, W] with weight
 * [out, C / groups, kH, kW]; output [N, out, H′, W′].
 * @example conv2d(randn([1, 3, 8, 8]), randn([4, 3, 3, 3]), { padding: 1 }).shape; // [1, 4, 8, 8]
 */
export function conv2d(input: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  const [x, isBatched] = batched("conv2d", input, 2);
  const output = convolve("conv2d", x, weight, options);
  return isBatched ? output : output.squeeze(0);
}

/** conv2d on a batched 4-D input, its errors naming `op`. */
function convolve(op: string, x: Tensor, weight: Tensor, options: Conv2dOptions): Tensor {
  const { bias } = options;
  checkFloatOperands(op, x, weight, bias);
  const geometry = convGeometry(op, x, weight, options);
  checkBias(op, bias, geometry.outChannels);
  return convOp(bias === null || bias === undefined ? [x, weight] : [x, weight, bias], {
    geometry,
  });
}

/**
 * 1-D convolution of input [N, C, L] or [C, L] with weight [out, C / groups, k]; output [N, out, L′].
 * @example conv1d(randn([2, 3, 10]), randn([5, 3, 3]), { padding: "same" }).shape; // [2, 5, 10]
 */
export function conv1d(input: Tensor, weight: Tensor, options: Conv1dOptions = {}): Tensor {
  const [x, isBatched] = batched("conv1d", input, 1);
  if (weight.rank !== 3) {
    throw new ShapeError(
      `conv1d: weight must be 3-D [out, in/groups, k], got ${formatShape(weight.shape)}`,
    );
  }
  const { padding = 0, bias } = options;
  const output = convolve("conv1d", x.unsqueeze(2), weight.unsqueeze(2), {
    ...(bias ? { bias } : {}),
    stride: [1, options.stride ?? 1],
    padding: typeof padding === "number" ? [0, padding] : padding,
    dilation: [1, options.dilation ?? 1],
    groups: options.groups ?? 1,
  }).squeeze(2);
  return isBatched ? output : output.squeeze(0);
}

/** The output size of a transposed convolution along one axis, checked to be positive. */
function transposedSize(
  size: number,
  kernel: number,
  s: number,
  p: number,
  d: number,
  extra: number,
): number {
  if (extra >= Math.max(s, d)) {
    throw new RangeError(
      `convTranspose2d: outputPadding ${extra} must be smaller than stride ${s} or dilation ${d}`,
    );
  }
  const out = (size - 1) * s - 2 * p + d * (kernel - 1) + extra + 1;
  if (out < 1) {
    throw new ShapeError(
      `convTranspose2d: output size ${out} is not positive (input ${size}, padding ${p})`,
    );
  }
  return out;
}

/**
 * Transposed 2-D convolution (the gradient of conv2d with respect to its input): input [N, in, H, W]
 * or [in, H, W], weight [in, out / groups, kH, kW]; output [N, out, H′, W′] with
 * H′ = (H − 1)·stride − 2·padding + dilation·(kH − 1) + outputPadding + 1.
 * @example convTranspose2d(randn([1, 4, 5, 5]), randn([4, 2, 3, 3]), { stride: 2 }).shape; // [1, 2, 11, 11]
 */
export function convTranspose2d(
  input: Tensor,
  weight: Tensor,
  options: ConvTranspose2dOptions = {},
): Tensor {
  const op = "convTranspose2d";
  const { bias } = options;
  checkFloatOperands(op, input, weight, bias);
  const [y, isBatched] = batched(op, input, 2);
  if (weight.rank !== 4) {
    throw new ShapeError(
      `${op}: weight must be 4-D [in, out/groups, kH, kW], got ${formatShape(weight.shape)}`,
    );
  }
  const [batch, channels, outHeight, outWidth] = y.shape as [number, number, number, number];
  const [inputs, groupOut, kernelHeight, kernelWidth] = weight.shape as [
    number,
    number,
    number,
    number,
  ];
  const groups = options.groups ?? 1;
  checkGroups(op, groups, channels, groupOut * groups);
  if (inputs !== channels) {
    throw new ShapeError(
      `${op}: weight ${formatShape(weight.shape)} expects ${inputs} input channels, got input ${formatShape(y.shape)}`,
    );
  }
  const [sh, sw] = pairOf(op, "stride", options.stride ?? 1, 1);
  const [ph, pw] = pairOf(op, "padding", options.padding ?? 0, 0);
  const [dh, dw] = pairOf(op, "dilation", options.dilation ?? 1, 1);
  const [eh, ew] = pairOf(op, "outputPadding", options.outputPadding ?? 0, 0);
  // the convolution this one transposes maps [N, out, H′, W′] to the input's [N, in, H, W]
  const geometry: ConvGeometry = {
    batch,
    groups,
    inChannels: groupOut * groups,
    outChannels: channels,
    height: transposedSize(outHeight, kernelHeight, sh, ph, dh, eh),
    width: transposedSize(outWidth, kernelWidth, sw, pw, dw, ew),
    outHeight,
    outWidth,
    kernelHeight,
    kernelWidth,
    strideHeight: sh,
    strideWidth: sw,
    padTop: ph,
    padLeft: pw,
    dilationHeight: dh,
    dilationWidth: dw,
  };
  checkBias(op, bias, geometry.inChannels);
  let output = convTransposeOp([y, weight], { geometry });
  if (bias !== null && bias !== undefined) output = output.add(bias.reshape([-1, 1, 1]));
  return isBatched ? output : output.squeeze(0);
}

export type { ConvPadding, Pair };
