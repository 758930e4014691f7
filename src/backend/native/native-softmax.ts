// The addon's row-softmax kernels behind the backend contract: large float inputs go native (rows
// split over threads in fixed blocks), small ones run the js reference.
import type { FloatArray } from "../dtype.js";
import type { SoftmaxKernels } from "../softmax-kernels.js";

/** The addon's row-softmax functions (native/src/softmax.cc). */
export interface SoftmaxBinding {
  /** (x, lse): rows = lse.length */
  logSumExpRows(x: FloatArray, lse: Float64Array): void;
  /** (x, labels, lse, g, out) */
  softmaxCrossEntropyGrad(
    x: FloatArray,
    labels: Int32Array,
    lse: Float64Array,
    g: Float64Array,
    out: FloatArray,
  ): void;
}

export const SOFTMAX_FUNCTIONS = [
  "logSumExpRows",
  "softmaxCrossEntropyGrad",
] as const satisfies readonly (keyof SoftmaxBinding)[];

/** Below this many elements the js loops beat the call into the addon. */
const MIN_NATIVE = 1024;

/** The native kernels where they pay, `reference` (js) elsewhere. */
export function nativeSoftmax(binding: SoftmaxBinding, reference: SoftmaxKernels): SoftmaxKernels {
  return {
    logSumExpRows: (x, rows, cols, lse) => {
      if (rows * cols < MIN_NATIVE || x.length !== rows * cols || lse.length !== rows)
        return reference.logSumExpRows(x, rows, cols, lse);
      binding.logSumExpRows(x, lse);
    },
    softmaxCrossEntropyGrad: (x, labels, lse, g, out) => {
      if (x.length < MIN_NATIVE || x.constructor !== out.constructor)
        return reference.softmaxCrossEntropyGrad(x, labels, lse, g, out);
      binding.softmaxCrossEntropyGrad(x, labels, lse, g, out);
    },
  };
}
