// Gradient cases of the convolutional ops: convolutions (odd sizes, strides, dilation, groups,
// padding modes, 1-D and 2-D, unbatched), transposed convolutions, pooling (ceilMode) and padding.
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { between, distinct, pick, values, type CaseBuilder } from "../cases/random-inputs.js";
import * as gradus from "../conv/index.js";
import type {
  AvgPool1dOptions,
  Conv2dOptions,
  MaxPool1dOptions,
  Pair,
  PadMode,
} from "../conv/index.js";
import type { OpFamily } from "../op-row.js";

/** 1 or 2 for a stride or dilation, mostly 1. */
const small = (g: Generator): number => (g.uniform() < 0.6 ? 1 : 2);
const pairOf = (g: Generator, draw: (g: Generator) => number): [number, number] => [
  draw(g),
  draw(g),
];
/** A number or the same as a pair, to cover both spellings. */
const spelled = (pair: [number, number]): Pair => (pair[0] === pair[1] ? pair[0] : pair);

/** One spatial axis: kernel, stride, dilation, padding and an input size the kernel fits in. */
function axis(g: Generator, mode: "number" | "same" | "valid") {
  const kernel = between(g, 1, 3);
  const stride = mode === "same" ? 1 : small(g);
  const dilation = small(g);
  const span = dilation * (kernel - 1) + 1;
  const padding = mode === "number" ? between(g, 0, 2) : 0;
  const size = Math.max(1, span - 2 * padding + between(g, 0, 3));
  return { kernel, stride, dilation, padding, size };
}

/** Channel counts with a random group count (depthwise sometimes). */
function channels(g: Generator): { groups: number; inputs: number; outputs: number } {
  const groups = between(g, 1, 3);
  const depthwise = g.uniform() < 0.3;
  return {
    groups,
    inputs: groups * (depthwise ? 1 : between(g, 1, 2)),
    outputs: groups * between(g, 1, 2),
  };
}

/** A conv2d (or, with one spatial axis, conv1d) case with inputs [x, w] or [x, w, bias]. */
function convCase(g: Generator, spatial: 1 | 2): ReturnType<CaseBuilder> {
  const mode = pick(g, ["number", "number", "same", "valid"] as const);
  const axes = Array.from({ length: spatial }, () => axis(g, mode));
  const { groups, inputs, outputs } = channels(g);
  const batch = g.uniform() < 0.2 ? [] : [between(g, 1, 2)];
  const x = values(g, [...batch, inputs, ...axes.map((a) => a.size)]);
  const w = values(g, [outputs, inputs / groups, ...axes.map((a) => a.kernel)]);
  const bias = g.uniform() < 0.5 ? [values(g, [outputs])] : [];
  const tuple = (key: "stride" | "dilation" | "padding"): [number, number] =>
    spatial === 2 ? [axes[0]![key], axes[1]![key]] : [axes[0]![key], axes[0]![key]];
  const padding = mode === "number" ? spelled(tuple("padding")) : mode;
  const options = { stride: spelled(tuple("stride")), dilation: spelled(tuple("dilation")) };
  const f = (input: Tensor, weight: Tensor, b?: Tensor): Tensor => {
    if (spatial === 2)
      return gradus.conv2d(input, weight, { ...options, padding, groups, bias: b ?? null });
    const one = (pair: Pair): number => (typeof pair === "number" ? pair : pair[0]);
    return gradus.conv1d(input, weight, {
      stride: one(options.stride),
      dilation: one(options.dilation),
      padding: typeof padding === "string" ? padding : one(padding),
      groups,
      bias: b ?? null,
    });
  };
  return { inputs: [x, w, ...bias], f: f as (...inputs: Tensor[]) => Tensor };
}

/** A convTranspose2d case: input [N, in, H, W], weight [in, out/groups, kH, kW], bias sometimes. */
function transposedCase(g: Generator): ReturnType<CaseBuilder> {
  const { groups, inputs, outputs } = channels(g);
  const [kh, kw] = pairOf(g, (r) => between(r, 1, 3));
  const stride = pairOf(g, small);
  const dilation = pairOf(g, small);
  const padding = [0, 1].map((i) =>
    between(g, 0, Math.floor((dilation[i]! * ([kh, kw][i]! - 1)) / 2)),
  );
  const outputPadding = [0, 1].map((i) => g.integer(Math.max(stride[i]!, dilation[i]!)));
  const x = values(g, [between(g, 1, 2), inputs, between(g, 1, 3), between(g, 1, 3)]);
  const w = values(g, [inputs, outputs / groups, kh, kw]);
  const bias = g.uniform() < 0.5 ? [values(g, [outputs])] : [];
  const options: Conv2dOptions & { outputPadding: Pair } = {
    stride: spelled(stride),
    dilation: spelled(dilation),
    padding: spelled(padding as [number, number]),
    outputPadding: spelled(outputPadding as [number, number]),
    groups,
  };
  const f = (input: Tensor, weight: Tensor, b?: Tensor): Tensor =>
    gradus.convTranspose2d(input, weight, { ...(options as object), bias: b ?? null });
  return { inputs: [x, w, ...bias], f: f as (...inputs: Tensor[]) => Tensor };
}

/**
 * Pooling options for one axis: kernel, stride, padding ≤ kernel/2, dilation, and a size that fits
 * (at least the dilated kernel, so that no window of a dilated kernel reads padding only).
 */
function poolAxis(g: Generator, dilated: boolean) {
  const kernel = between(g, 1, 3);
  const stride = between(g, 1, 3);
  const dilation = dilated ? small(g) : 1;
  const padding = between(g, 0, Math.floor(kernel / 2));
  const span = dilation * (kernel - 1) + 1;
  const size = Math.max(1, dilation > 1 ? span : span - 2 * padding) + between(g, 0, 3);
  return { kernel, stride, dilation, padding, size };
}

/** A max or average pooling case over 1 or 2 spatial axes (distinct values: no ties in a window). */
function poolCase(g: Generator, kind: "max" | "avg", spatial: 1 | 2): ReturnType<CaseBuilder> {
  const axes = Array.from({ length: spatial }, () => poolAxis(g, kind === "max"));
  const leading = g.uniform() < 0.2 ? [between(g, 1, 3)] : [between(g, 1, 2), between(g, 1, 2)];
  const x = distinct(g, [...leading, ...axes.map((a) => a.size)]);
  const ceilMode = g.uniform() < 0.5;
  const countIncludePad = g.uniform() < 0.5;
  const get = (key: "kernel" | "stride" | "padding" | "dilation") =>
    spatial === 2 ? spelled([axes[0]![key], axes[1]![key]]) : axes[0]![key];
  const common = { kernelSize: get("kernel"), padding: get("padding"), ceilMode };
  const stride = g.uniform() < 0.3 ? {} : { stride: get("stride") };
  const f = (input: Tensor): Tensor => {
    if (kind === "max") {
      const options = { ...common, ...stride, dilation: get("dilation") };
      return spatial === 2
        ? gradus.maxPool2d(input, options)
        : gradus.maxPool1d(input, options as MaxPool1dOptions);
    }
    const options = { ...common, ...stride, countIncludePad };
    return spatial === 2
      ? gradus.avgPool2d(input, options)
      : gradus.avgPool1d(input, options as AvgPool1dOptions);
  };
  return { inputs: [x], f };
}

export const convolutionOps = {
  conv2d: { fn: gradus.conv2d, cases: [(g) => convCase(g, 2)] },
  conv1d: { fn: gradus.conv1d, cases: [(g) => convCase(g, 1)] },
  convTranspose2d: { fn: gradus.convTranspose2d, cases: [transposedCase] },
  maxPool2d: { fn: gradus.maxPool2d, cases: [(g) => poolCase(g, "max", 2)] },
  maxPool1d: { fn: gradus.maxPool1d, cases: [(g) => poolCase(g, "max", 1)] },
  avgPool2d: { fn: gradus.avgPool2d, cases: [(g) => poolCase(g, "avg", 2)] },
  avgPool1d: { fn: gradus.avgPool1d, cases: [(g) => poolCase(g, "avg", 1)] },
  adaptiveAvgPool2d: {
    fn: gradus.adaptiveAvgPool2d,
    cases: [
      (g) => {
        const x = values(g, [
          between(g, 1, 2),
          between(g, 1, 2),
          between(g, 1, 6),
          between(g, 1, 6),
        ]);
        const size: [number | null, number | null] = [
          between(g, 1, 4),
          g.uniform() < 0.2 ? null : between(g, 1, 4),
        ];
        return { inputs: [x], f: (input) => gradus.adaptiveAvgPool2d(input, size) };
      },
    ],
  },
  pad: {
    fn: gradus.pad,
    cases: [
      (g) => {
        const mode = pick(g, ["constant", "reflect", "replicate", "circular"] as const) as PadMode;
        const shape = [between(g, 1, 2), between(g, 2, 4), between(g, 2, 4)];
        const axes = between(g, 1, 3);
        const pads = Array.from({ length: 2 * axes }, (_, k) => {
          const size = shape[shape.length - 1 - Math.floor(k / 2)]!;
          const limit = mode === "reflect" ? size - 1 : size;
          if (mode === "constant") return between(g, k % 2 === 0 ? -1 : 0, 2);
          return between(g, 0, limit);
        });
        const value = mode === "constant" ? between(g, -2, 2) / 2 : 0;
        return {
          inputs: [values(g, shape)],
          f: (input) => gradus.pad(input, pads, { mode, value }),
        };
      },
    ],
  },
} satisfies OpFamily;
