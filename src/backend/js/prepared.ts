// Prepared right operands for backends without packed panels: the operand is kept as given and each
// product is the backend's own matmul (so the wasm backend keeps its SIMD GEMM).
import type { Backend } from "../backend.js";
import type { RecurrentKernels } from "../recurrent-kernels.js";

/** prepareRight/matmulPrepared over `matmul`: a 2-D product seen as a batch of one. */
export function preparedProducts(
  matmul: Backend["matmul"],
): Pick<RecurrentKernels, "prepareRight" | "matmulPrepared"> {
  return {
    prepareRight: (b) => ({ k: b.shape[0]!, n: b.shape[1]!, view: b, packed: null }),
    matmulPrepared: (a, b, out) =>
      matmul({
        a: { data: a.data, shape: [1, ...a.shape], strides: [0, ...a.strides], offset: a.offset },
        b: {
          data: b.view.data,
          shape: [1, b.k, b.n],
          strides: [0, ...b.view.strides],
          offset: b.view.offset,
        },
        out,
      }),
  };
}
