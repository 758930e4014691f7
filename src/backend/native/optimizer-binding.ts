// The addon's fused optimizer updates behind the backend contract: large float parameters go native,
// small ones (where the call costs more than the loop) and mixed dtypes run the js reference.
import type { FloatArray } from "../dtype.js";
import type {
  AdamUpdate,
  OptimizerKernels,
  SgdUpdate,
  SparseAdamUpdate,
} from "../optimizer-kernels.js";

/** The addon's optimizer functions (native/src/optimizer-addon.cc). */
export interface OptimizerBinding {
  /** (param, grad, first, second, [lr, β₁, β₂, ε, λ, decoupled, c₁, c₂]) */
  adamUpdate(
    param: FloatArray,
    grad: FloatArray,
    first: FloatArray,
    second: FloatArray,
    scalars: Float64Array,
  ): void;
  /** (param, grad, buffer (empty: none), [lr, μ, nesterov, λ]) */
  sgdUpdate(param: FloatArray, grad: FloatArray, buffer: FloatArray, scalars: Float64Array): void;
  /** (param, rows, indices, first, second, [stepSize, β₁, β₂, ε, width]) */
  sparseAdamUpdate(
    param: FloatArray,
    rows: FloatArray,
    indices: Int32Array,
    first: FloatArray,
    second: FloatArray,
    scalars: Float64Array,
  ): void;
}

export const OPTIMIZER_FUNCTIONS = [
  "adamUpdate",
  "sgdUpdate",
  "sparseAdamUpdate",
] as const satisfies readonly (keyof OptimizerBinding)[];

/** Below this many elements the js loop beats the call into the addon. */
const MIN_NATIVE = 256;
const NONE = new Float32Array(0);

/** Whether every array shares the parameter's float type and length. */
function alike(param: FloatArray, ...others: (FloatArray | null)[]): boolean {
  return others.every(
    (array) =>
      array === null || (array.constructor === param.constructor && array.length === param.length),
  );
}

/** The native updates where they pay, `reference` (js) elsewhere. */
export function nativeOptimizer(
  binding: OptimizerBinding,
  reference: OptimizerKernels,
): OptimizerKernels {
  const adamScalars = new Float64Array(8);
  const sgdScalars = new Float64Array(4);
  const sparseAdamScalars = new Float64Array(5);
  return {
    adamUpdate(param, grad, first, second, update: AdamUpdate) {
      if (param.length < MIN_NATIVE || !alike(param, grad, first, second))
        return reference.adamUpdate(param, grad, first, second, update);
      const { lr, beta1, beta2, eps, weightDecay, decoupled, correction1, correction2 } = update;
      adamScalars.set([lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0]);
      adamScalars[6] = correction1;
      adamScalars[7] = correction2;
      binding.adamUpdate(param, grad, first, second, adamScalars);
    },
    sgdUpdate(param, grad, buffer, update: SgdUpdate) {
      if (param.length < MIN_NATIVE || !alike(param, grad, buffer))
        return reference.sgdUpdate(param, grad, buffer, update);
      const { lr, momentum, nesterov, weightDecay } = update;
      sgdScalars.set([lr, momentum, nesterov ? 1 : 0, weightDecay]);
      binding.sgdUpdate(param, grad, buffer ?? NONE, sgdScalars);
    },
    sparseAdamUpdate(param, rows, indices, width, first, second, update: SparseAdamUpdate) {
      const alikeRows =
        rows.constructor === param.constructor && rows.length === indices.length * width;
      if (rows.length < MIN_NATIVE || !alikeRows || !alike(param, first, second))
        return reference.sparseAdamUpdate(param, rows, indices, width, first, second, update);
      const { stepSize, beta1, beta2, eps } = update;
      sparseAdamScalars.set([stepSize, beta1, beta2, eps, width]);
      binding.sparseAdamUpdate(param, rows, indices, first, second, sparseAdamScalars);
    },
  };
}
