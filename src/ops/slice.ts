// slice: every step-th element of start … end along one axis, as a view (no copy).
import { arange } from "../tensor/creation.js";
import { normalizeAxis } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { indexAdd } from "./index-select.js";

interface SliceParams {
  readonly axis: number;
  readonly start: number;
  readonly count: number;
  readonly step: number;
}

const sliceOp = /* @__PURE__ */ defineOp<[Tensor], SliceParams>({
  name: "slice",
  forward: ([x], { axis, start, count, step }) => {
    const stride = x.strides[axis]!;
    const shape = x.shape.map((extent, a) => (a === axis ? count : extent));
    const strides = x.strides.map((s, a) => (a === axis ? s * step : s));
    return new Tensor(x.data, shape, strides, x.offset + (count > 0 ? start * stride : 0));
  },
  // ∂y[j]/∂x[start + j·step] = 1: the gradient is placed back into zeros of the input's shape
  backward: (outputGrad, { inputs: [x], params: { axis, start, count, step } }) => {
    const positions = arange(start, start + count * step, step, { dtype: "int32" });
    return [indexAdd(outputGrad, axis, positions, x.shape[axis]!)];
  },
});

/** A Python-style bound: negative counts from the end; the result is clamped to [0, extent]. */
function resolveBound(bound: number, extent: number): number {
  const position = bound < 0 ? bound + extent : bound;
  return Math.min(Math.max(position, 0), extent);
}

/**
 * The elements start, start + step, … before end along `axis`, as a view sharing x's storage
 * (Python rules: negative bounds count from the end, out-of-range bounds are clipped; step ≥ 1).
 * @example slice(arange(10), 0, 2, 8, 3).toArray(); // [2, 5]
 */
export function slice(x: Tensor, axis: number, start = 0, end?: number, step = 1): Tensor {
  const normalized = normalizeAxis("slice", axis, x.rank);
  if (x.rank === 0) throw new RangeError("slice: cannot slice a 0-d tensor");
  if (!Number.isInteger(step) || step < 1) {
    throw new RangeError(`slice: step must be a positive integer, got ${step}`);
  }
  if (!Number.isInteger(start) || (end !== undefined && !Number.isInteger(end))) {
    throw new RangeError(`slice: bounds must be integers, got ${start} and ${end}`);
  }
  const extent = x.shape[normalized]!;
  const from = resolveBound(start, extent);
  const to = end === undefined ? extent : resolveBound(end, extent);
  const count = Math.max(0, Math.ceil((to - from) / step));
  if (from === 0 && count === extent && step === 1) return x;
  return sliceOp([x], { axis: normalized, start: from, count, step });
}
