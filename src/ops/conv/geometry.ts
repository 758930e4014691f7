// Convolution options → geometry: size pairs, PyTorch's padding modes and output sizes, shape checks.
import type { ConvGeometry } from "../../backend/conv-kernels.js";
import { DTypeError, formatShape, ShapeError } from "../../tensor/errors.js";
import type { Tensor } from "../../tensor/tensor.js";

/** A size for both spatial axes, or [height, width]. */
export type Pair = number | readonly [number, number];
/** Zero padding per side, or PyTorch's "same" (output size = input size, stride 1) and "valid" (none). */
export type ConvPadding = Pair | "same" | "valid";

/** A size option as [height, width], checked to be integers of at least `min`. */
export function pairOf(op: string, name: string, value: Pair, min: number): [number, number] {
  const pair: [number, number] = typeof value === "number" ? [value, value] : [value[0], value[1]];
  if (pair.length !== 2 || pair.some((v) => !Number.isInteger(v) || v < min)) {
    throw new RangeError(
      `${op}: ${name} must be ${min === 0 ? "a non-negative" : "a positive"} integer or a pair of them, got ${JSON.stringify(value)}`,
    );
  }
  return pair;
}

/** Throws unless x and w are float tensors of one dtype (and bias, when given). */
export function checkFloatOperands(op: string, ...operands: (Tensor | null | undefined)[]): void {
  const present = operands.filter((t): t is Tensor => t !== null && t !== undefined);
  const dtypes = present.map((t) => t.dtype);
  if (dtypes.some((d) => d === "int32") || new Set(dtypes).size > 1) {
    throw new DTypeError(`${op}: operands must share one float dtype, got ${dtypes.join(", ")}`);
  }
}

/** The input as 4-D [N, C, H, W] (a 3-D [C, H, W] input gets a batch axis), and whether it was batched. */
export function batched(op: string, input: Tensor, spatial: 1 | 2): [Tensor, boolean] {
  const rank = spatial + 2;
  if (input.rank === rank) return [input, true];
  if (input.rank === rank - 1) return [input.unsqueeze(0), false];
  const layout = spatial === 2 ? "[C, H, W] or 4-D [N, C, H, W]" : "[C, L] or 3-D [N, C, L]";
  throw new ShapeError(
    `${op}: expected a ${rank - 1}-D ${layout} input, got ${formatShape(input.shape)} (${input.rank}-D)`,
  );
}

/** Per-axis leading padding and output size of a convolution over `size` with a kernel of `kernel`. */
export function convAxis(
  op: string,
  axis: "height" | "width",
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: number | "same",
): { pad: number; out: number } {
  const span = dilation * (kernel - 1) + 1;
  // "same": the total d·(k − 1) split with the extra unit at the end, as PyTorch does
  const pad = padding === "same" ? Math.floor((span - 1) / 2) : padding;
  const padded = padding === "same" ? size + span - 1 : size + 2 * padding;
  if (span > padded) {
    throw new ShapeError(
      `${op}: kernel ${axis} ${span} (dilated) is larger than the padded input ${axis} ${padded}`,
    );
  }
  return { pad, out: Math.floor((padded - span) / stride) + 1 };
}

export interface ConvOptionsBase {
  readonly stride?: Pair;
  readonly padding?: ConvPadding;
  readonly dilation?: Pair;
  readonly groups?: number;
}

/** Checks that `groups` divides both channel counts; returns it. */
export function checkGroups(op: string, groups: number, inputs: number, outputs: number): number {
  if (!Number.isInteger(groups) || groups < 1)
    throw new RangeError(`${op}: groups must be a positive integer, got ${groups}`);
  for (const [what, count] of [
    ["input channels", inputs],
    ["output channels", outputs],
  ] as const) {
    if (count % groups !== 0)
      throw new ShapeError(`${op}: ${what} ${count} are not divisible by groups ${groups}`);
  }
  return groups;
}

/** The geometry of conv2d(x [N, C, H, W], w [O, C/groups, kH, kW]) under PyTorch's options. */
export function convGeometry(
  op: string,
  x: Tensor,
  weight: Tensor,
  options: ConvOptionsBase,
): ConvGeometry {
  if (weight.rank !== 4) {
    throw new ShapeError(
      `${op}: weight must be 4-D [out, in/groups, kH, kW], got ${formatShape(weight.shape)}`,
    );
  }
  const [batch, inChannels, height, width] = x.shape as [number, number, number, number];
  const [outChannels, groupIn, kernelHeight, kernelWidth] = weight.shape as [
    number,
    number,
    number,
    number,
  ];
  const groups = checkGroups(op, options.groups ?? 1, inChannels, outChannels);
  if (groupIn * groups !== inChannels) {
    throw new ShapeError(
      `${op}: weight ${formatShape(weight.shape)} with groups ${groups} expects ${groupIn * groups} input channels, got input ${formatShape(x.shape)}`,
    );
  }
  const [strideHeight, strideWidth] = pairOf(op, "stride", options.stride ?? 1, 1);
  const [dilationHeight, dilationWidth] = pairOf(op, "dilation", options.dilation ?? 1, 1);
  const padding = options.padding ?? 0;
  let pads: [number | "same", number | "same"] = ["same", "same"];
  if (padding === "same") {
    if (strideHeight !== 1 || strideWidth !== 1)
      throw new RangeError(
        `${op}: padding "same" needs stride 1, got stride [${strideHeight}, ${strideWidth}]`,
      );
  } else pads = padding === "valid" ? [0, 0] : pairOf(op, "padding", padding, 0);
  const rows = convAxis(op, "height", height, kernelHeight, strideHeight, dilationHeight, pads[0]);
  const cols = convAxis(op, "width", width, kernelWidth, strideWidth, dilationWidth, pads[1]);
  return {
    batch,
    groups,
    inChannels,
    outChannels,
    height,
    width,
    outHeight: rows.out,
    outWidth: cols.out,
    kernelHeight,
    kernelWidth,
    strideHeight,
    strideWidth,
    padTop: rows.pad,
    padLeft: cols.pad,
    dilationHeight,
    dilationWidth,
  };
}

/** Throws unless `bias` is a vector of `channels` entries. */
export function checkBias(op: string, bias: Tensor | null | undefined, channels: number): void {
  if (bias !== null && bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== channels)) {
    throw new ShapeError(
      `${op}: bias must have shape [${channels}], got ${formatShape(bias.shape)}`,
    );
  }
}
