// Convolution layers: Conv1d, Conv2d and ConvTranspose2d with PyTorch's arguments, weights and init.
import type { DType } from "../backend/dtype.js";
import { conv1d, conv2d, convTranspose2d, type ConvPadding, type Pair } from "../ops/conv/conv.js";
import { pad, type PadMode } from "../ops/conv/pad.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { uniformParameter } from "./init.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface ConvLayerOptions {
  readonly stride?: Pair;
  readonly padding?: ConvPadding;
  readonly dilation?: Pair;
  readonly groups?: number;
  /** Learn a bias per output channel (default true); false leaves `bias` null. */
  readonly bias?: boolean;
  /** How the padding is filled (default "zeros"), as PyTorch's padding_mode. */
  readonly paddingMode?: "zeros" | Exclude<PadMode, "constant">;
  readonly dtype?: DType;
  readonly generator?: Generator;
}

export interface ConvTransposeLayerOptions {
  readonly stride?: Pair;
  readonly padding?: Pair;
  readonly outputPadding?: Pair;
  readonly groups?: number;
  readonly bias?: boolean;
  readonly dilation?: Pair;
  readonly dtype?: DType;
  readonly generator?: Generator;
}

const asPair = (size: Pair): [number, number] =>
  typeof size === "number" ? [size, size] : [size[0], size[1]];

/**
 * PyTorch's default: kaiming_uniform(a = √5) for the weight, i.e. U(±1/√fanIn) with fanIn =
 * weight.shape[1]·kH·kW, and the same bound for the bias.
 */
function parameters(
  layer: string,
  shape: number[],
  outChannels: number,
  options: { bias?: boolean; dtype?: DType; generator?: Generator },
): [Tensor, Tensor | null] {
  const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
  const bound = 1 / Math.sqrt(fanIn);
  const init = {
    dtype: options.dtype ?? "float32",
    ...(options.generator ? { generator: options.generator } : {}),
  } as const;
  checkFeatures(layer, ...shape);
  const weight = uniformParameter(shape, bound, init);
  return [weight, (options.bias ?? true) ? uniformParameter([outChannels], bound, init) : null];
}

function checkDivisible(layer: string, groups: number, ...counts: number[]): void {
  checkFeatures(layer, groups);
  if (counts.some((count) => count % groups !== 0))
    throw new RangeError(
      `${layer}: channels ${counts.join(" and ")} must be divisible by groups ${groups}`,
    );
}

/** The explicit padding "same" stands for along one axis: [before, after] with the extra unit after. */
function samePads(kernel: number, dilation: number): [number, number] {
  const total = dilation * (kernel - 1);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** A padding option as PyTorch stores it: a pair, or "same" / "valid". */
function paddingOf(padding: ConvPadding): [number, number] | "same" | "valid" {
  return typeof padding === "string" ? padding : asPair(padding);
}

/**
 * 2-D convolution layer: weight [out, in / groups, kH, kW], bias [out].
 * @example const conv = new nn.Conv2d(1, 8, 3, { padding: 1, generator: new Generator(0) }); conv.forward(randn([4, 1, 28, 28])).shape; // [4, 8, 28, 28]
 */
export class Conv2d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | "same" | "valid";
  readonly dilation: [number, number];
  readonly groups: number;
  readonly paddingMode: NonNullable<ConvLayerOptions["paddingMode"]>;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    options: ConvLayerOptions = {},
  ) {
    super();
    this.kernelSize = asPair(kernelSize);
    this.stride = asPair(options.stride ?? 1);
    this.padding = paddingOf(options.padding ?? 0);
    this.dilation = asPair(options.dilation ?? 1);
    this.groups = options.groups ?? 1;
    this.paddingMode = options.paddingMode ?? "zeros";
    checkDivisible("Conv2d", this.groups, inChannels, outChannels);
    const shape = [outChannels, inChannels / this.groups, ...this.kernelSize];
    [this.weight, this.bias] = parameters("Conv2d", shape, outChannels, options);
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, dilation, groups, paddingMode } = this;
    const common = { stride, dilation, groups, bias: this.bias };
    if (paddingMode === "zeros" || padding === "valid")
      return conv2d(x, this.weight, { ...common, padding });
    const [ph, pw] =
      padding === "same"
        ? [samePads(this.kernelSize[0], dilation[0]), samePads(this.kernelSize[1], dilation[1])]
        : [
            [padding[0], padding[0]],
            [padding[1], padding[1]],
          ];
    const padded = pad(x, [...pw, ...ph], { mode: paddingMode });
    return conv2d(padded, this.weight, { ...common, padding: 0 });
  }
}

export interface Conv1dLayerOptions extends Omit<
  ConvLayerOptions,
  "stride" | "padding" | "dilation"
> {
  readonly stride?: number;
  readonly padding?: number | "same" | "valid";
  readonly dilation?: number;
}

/**
 * 1-D convolution layer: weight [out, in / groups, k], bias [out].
 * @example const conv = new nn.Conv1d(3, 4, 5, { padding: "same" }); conv.forward(randn([2, 3, 16])).shape; // [2, 4, 16]
 */
export class Conv1d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly stride: number;
  readonly padding: number | "same" | "valid";
  readonly dilation: number;
  readonly groups: number;
  readonly paddingMode: NonNullable<ConvLayerOptions["paddingMode"]>;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    options: Conv1dLayerOptions = {},
  ) {
    super();
    this.stride = options.stride ?? 1;
    this.padding = options.padding ?? 0;
    this.dilation = options.dilation ?? 1;
    this.groups = options.groups ?? 1;
    this.paddingMode = options.paddingMode ?? "zeros";
    checkDivisible("Conv1d", this.groups, inChannels, outChannels);
    const shape = [outChannels, inChannels / this.groups, kernelSize];
    [this.weight, this.bias] = parameters("Conv1d", shape, outChannels, options);
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, dilation, groups, paddingMode } = this;
    const common = { stride, dilation, groups, bias: this.bias };
    if (paddingMode === "zeros" || padding === "valid")
      return conv1d(x, this.weight, { ...common, padding });
    const pads = padding === "same" ? samePads(this.kernelSize, dilation) : [padding, padding];
    return conv1d(pad(x, pads, { mode: paddingMode }), this.weight, { ...common, padding: 0 });
  }
}

/**
 * Transposed 2-D convolution layer (upsampling): weight [in, out / groups, kH, kW], bias [out].
 * @example const up = new nn.ConvTranspose2d(8, 4, 2, { stride: 2 }); up.forward(randn([1, 8, 7, 7])).shape; // [1, 4, 14, 14]
 */
export class ConvTranspose2d extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly outputPadding: [number, number];
  readonly dilation: [number, number];
  readonly groups: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    options: ConvTransposeLayerOptions = {},
  ) {
    super();
    this.stride = asPair(options.stride ?? 1);
    this.padding = asPair(options.padding ?? 0);
    this.outputPadding = asPair(options.outputPadding ?? 0);
    this.dilation = asPair(options.dilation ?? 1);
    this.groups = options.groups ?? 1;
    checkDivisible("ConvTranspose2d", this.groups, inChannels, outChannels);
    const shape = [inChannels, outChannels / this.groups, ...asPair(kernelSize)];
    [this.weight, this.bias] = parameters("ConvTranspose2d", shape, outChannels, options);
  }

  forward(x: Tensor): Tensor {
    const { stride, padding, outputPadding, dilation, groups, bias } = this;
    return convTranspose2d(x, this.weight, {
      stride,
      padding,
      outputPadding,
      dilation,
      groups,
      bias,
    });
  }
}
