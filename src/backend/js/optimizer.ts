// The reference optimizer updates: PyTorch's per-element rules in the parameter's precision (float32
// arithmetic through Math.fround: a double result of one float32 +, −, ×, ÷ or √ rounds to the float32 one).
import type { FloatArray } from "../dtype.js";
import type { AdamUpdate, SgdUpdate, SparseAdamUpdate } from "../optimizer-kernels.js";

const exact = (value: number): number => value;

/** The rounding of the parameter's dtype: Math.fround for float32, none for float64. */
const roundingOf = (param: FloatArray): ((value: number) => number) =>
  param instanceof Float32Array ? Math.fround : exact;

export function adamUpdate(
  param: FloatArray,
  grad: FloatArray,
  first: FloatArray,
  second: FloatArray,
  update: AdamUpdate,
): void {
  const r = roundingOf(param);
  const { decoupled } = update;
  const beta1 = r(update.beta1);
  const beta2 = r(update.beta2);
  const rest1 = r(1 - update.beta1);
  const rest2 = r(1 - update.beta2);
  const decay = r(update.weightDecay);
  const shrink = r(1 - update.lr * update.weightDecay);
  const stepSize = r(update.lr / update.correction1);
  const root2 = r(Math.sqrt(update.correction2));
  const eps = r(update.eps);
  const withDecay = update.weightDecay !== 0;
  for (let i = 0; i < param.length; i++) {
    let theta = param[i]!;
    let g = grad[i]!;
    if (withDecay) {
      if (decoupled) theta = r(theta * shrink);
      else g = r(g + r(decay * theta));
    }
    const m = r(r(beta1 * first[i]!) + r(rest1 * g));
    const v = r(r(beta2 * second[i]!) + r(r(rest2 * g) * g));
    first[i] = m;
    second[i] = v;
    const denominator = r(r(r(Math.sqrt(v)) / root2) + eps);
    param[i] = r(theta - r(stepSize * r(m / denominator)));
  }
}

export function sgdUpdate(
  param: FloatArray,
  grad: FloatArray,
  buffer: FloatArray | null,
  update: SgdUpdate,
): void {
  const r = roundingOf(param);
  const lr = r(update.lr);
  const momentum = r(update.momentum);
  const decay = r(update.weightDecay);
  const { nesterov } = update;
  const withDecay = update.weightDecay !== 0;
  for (let i = 0; i < param.length; i++) {
    const theta = param[i]!;
    let g = grad[i]!;
    if (withDecay) g = r(g + r(decay * theta));
    if (buffer !== null) {
      const b = (buffer[i] = r(r(momentum * buffer[i]!) + g));
      g = nesterov ? r(g + r(momentum * b)) : b;
    }
    param[i] = r(theta - r(lr * g));
  }
}

export function sparseAdamUpdate(
  param: FloatArray,
  rows: FloatArray,
  indices: Int32Array,
  width: number,
  first: FloatArray,
  second: FloatArray,
  update: SparseAdamUpdate,
): void {
  const r = roundingOf(param);
  const rest1 = r(1 - update.beta1);
  const rest2 = r(1 - update.beta2);
  const negativeStep = r(-update.stepSize);
  const eps = r(update.eps);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k]! * width;
    const from = k * width;
    for (let j = 0; j < width; j++) {
      const at = base + j;
      const g = rows[from + j]!;
      // PyTorch's order: the moments' increments first, then old + increment for the step
      const m0 = first[at]!;
      const v0 = second[at]!;
      const u1 = r(r(g - m0) * rest1);
      const u2 = r(r(r(g * g) - v0) * rest2);
      const m = (first[at] = r(m0 + u1));
      second[at] = r(v0 + u2);
      const denominator = r(r(Math.sqrt(r(u2 + v0))) + eps);
      param[at] = r(param[at]! + r(negativeStep * r(m / denominator)));
    }
  }
}
