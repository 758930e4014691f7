// Shared by the fused recurrent backwards: the initial states' gradients and the weight gradient
// Σₜ ∂gatesₜᵀ·h_{t−1} as one GEMM over all steps.
import type { Backend, FloatArray } from "../../backend/backend.js";
import type { DType } from "../../backend/dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { outputTensor } from "../kernels.js";

/**
 * ∂h_0 = dh[0, block) + recurrent (the last step's dgates·W_hh, when there was a step), as a
 * [rows, hidden] tensor; and ∂c_0 = dc[0, block) when dc is given.
 */
export function stateGradients(
  dtype: DType,
  shape: readonly [number, number],
  dh: FloatArray,
  recurrent: FloatArray | null,
  dc: FloatArray | null = null,
): [Tensor, Tensor | null] {
  const block = shape[0] * shape[1];
  const dh0 = outputTensor(shape, dtype);
  for (let i = 0; i < block; i++) dh0.data[i] = dh[i]! + (recurrent === null ? 0 : recurrent[i]!);
  if (dc === null) return [dh0, null];
  const dc0 = outputTensor(shape, dtype);
  dc0.data.set(dc.subarray(0, block));
  return [dh0, dc0];
}

/**
 * ∂W_hh = Σₜ ∂gatesₜᵀ·h_{t−1}: ∂gates [L, rows, width] seen as [width, L·rows] times the states
 * h_0 … h_{L−1} ([L·rows, hidden] from index 0 of `states`), one GEMM.
 */
export function transposedProduct(
  backend: Backend,
  dGates: Tensor,
  states: FloatArray,
  hidden: number,
): Tensor {
  const [steps = 0, rows = 0, width = 0] = dGates.shape;
  const count = steps * rows;
  const output = outputTensor([width, hidden], dGates.dtype);
  backend.matmul({
    a: { data: dGates.data, shape: [1, width, count], strides: [0, 1, width], offset: 0 },
    b: { data: states, shape: [1, count, hidden], strides: [0, hidden, 1], offset: 0 },
    out: output.data,
  });
  return output;
}
