// logSoftmax as a primitive: one fused pass per row (max, Σ exp, subtract) and a three-op backward.
import type { Backend, TypedArray } from "../backend/backend.js";
import { normalizeAxis } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { contiguousData, outputTensor, splitAtAxis } from "./kernels.js";

/** Scratch buffers for the shifted inputs and their exponentials, reused up to this many elements. */
const SCRATCH_LIMIT = 1 << 16;
let scratch = { shifted: new Float64Array(0), exps: new Float64Array(0) };

function scratchOf(length: number): { shifted: Float64Array; exps: Float64Array } {
  if (length > SCRATCH_LIMIT)
    return { shifted: new Float64Array(length), exps: new Float64Array(length) };
  if (scratch.shifted.length < length)
    scratch = { shifted: new Float64Array(SCRATCH_LIMIT), exps: new Float64Array(SCRATCH_LIMIT) };
  return scratch;
}

/**
 * log Σ exp along the middle axis of `x` seen as [outer, axisSize, inner], one value per (o, i)
 * row: m + log Σ exp(x − m) with m the row's max, or 0 when that max is ±∞ or NaN (as the
 * composite's detached shift did). The exponentials run in float64 as one backend kernel.
 */
export function logSumExpRows(
  x: TypedArray,
  outer: number,
  axisSize: number,
  inner: number,
  backend: Backend,
): Float64Array {
  const lse = new Float64Array(outer * inner);
  // rows along the last axis of float data: one backend kernel (native for large inputs)
  if (inner === 1 && !(x instanceof Int32Array)) {
    backend.logSumExpRows(x, outer, axisSize, lse);
    return lse;
  }
  const { shifted, exps } = scratchOf(x.length);
  const span = axisSize * inner;
  for (let o = 0, row = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++, row++) {
      const [start, end] = [o * span + i, o * span + i + span];
      let peak = -Infinity;
      for (let at = start; at < end; at += inner) if (x[at]! > peak) peak = x[at]!;
      const shift = Math.abs(peak) < Infinity ? peak : 0;
      for (let at = start; at < end; at += inner) shifted[at] = x[at]! - shift;
      lse[row] = shift;
    }
  }
  backend.unary(
    "exp",
    { data: shifted, shape: [x.length], strides: [1], offset: 0 },
    exps.subarray(0, x.length),
  );
  for (let o = 0, row = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++, row++) {
      const [start, end] = [o * span + i, o * span + i + span];
      let total = 0;
      for (let at = start; at < end; at += inner) total += exps[at]!;
      lse[row] = lse[row]! + Math.log(total);
    }
  }
  return lse;
}

interface AxisParams {
  readonly axis: number;
  /** The rows' log Σ exp when already known (softmaxCrossEntropy's backward), skipping that pass. */
  readonly lse?: Float64Array;
}

const logSoftmaxOp = /* @__PURE__ */ defineOp<[Tensor], AxisParams>({
  name: "logSoftmax",
  forward: ([x], { axis, lse: known }, backend) => {
    const { outer, axisSize, inner } = splitAtAxis(x.shape, axis);
    const input = contiguousData(x);
    const lse = known ?? logSumExpRows(input, outer, axisSize, inner, backend);
    const output = outputTensor(x.shape, x.dtype);
    const out = output.data;
    for (let o = 0, at = 0; o < outer; o++)
      for (let j = 0; j < axisSize; j++)
        for (let i = 0, row = o * inner; i < inner; i++, row++, at++)
          out[at] = input[at]! - lse[row]!;
    return output;
  },
  // y = x − lse(x): ∂L/∂x = g − softmax(x)·Σ g, with softmax(x) = exp(y) (differentiable again)
  backward: (outputGrad, { output, params: { axis } }) => [
    outputGrad.sub(output.exp().mul(outputGrad.sum(axis, true))),
  ],
});

/**
 * log softmax(x) = x − logsumexp(x) along `axis` (the last by default), stable for huge logits.
 * @example logSoftmax(tensor([0, 0])).toArray(); // [−log 2, −log 2]
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const input = x.dtype === "int32" ? x.astype("float32") : x;
  if (input.rank === 0) return logSoftmax(input.reshape([1]), 0).reshape([]);
  return logSoftmaxOp([input], { axis: normalizeAxis("logSoftmax", axis, input.rank) });
}

/** logSoftmax of float logits [S, C] along axis 1 whose rows' log Σ exp `lse` is already known. */
export function logSoftmaxOfRows(x: Tensor, lse: Float64Array): Tensor {
  return logSoftmaxOp([x], { axis: 1, lse });
}
