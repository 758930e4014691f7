// Fused optimizer updates on the active backend, outside the graph: Adam/AdamW and SGD write the
// parameter and their state arrays in place in one pass (kernels: backend/optimizer-kernels.ts).
import type { FloatArray } from "../backend/dtype.js";
import type { AdamUpdate, SgdUpdate, SparseAdamUpdate } from "../backend/optimizer-kernels.js";
import { activeBackend } from "../backend/registry.js";
import type { Tensor } from "../tensor/tensor.js";

/** A contiguous parameter's own elements (a view of its storage, written in place). */
function elementsOf(parameter: Tensor): FloatArray {
  const { data, offset, size } = parameter;
  return data.subarray(offset, offset + size) as FloatArray;
}

/** The gradient's elements in the parameter's dtype and row-major order (no copy when it can be avoided). */
function gradientOf(parameter: Tensor, grad: Tensor): FloatArray {
  const dense = (grad.dtype === parameter.dtype ? grad : grad.astype(parameter.dtype)).contiguous();
  return dense.data.subarray(dense.offset, dense.offset + dense.size) as FloatArray;
}

/** A zero state array for `parameter`: its dtype, its size (as PyTorch keeps Adam's moments). */
export function stateArrayFor(parameter: Tensor): FloatArray {
  return parameter.dtype === "float64"
    ? new Float64Array(parameter.size)
    : new Float32Array(parameter.size);
}

/**
 * One Adam/AdamW step of a contiguous float parameter from `grad`, updating its moments in place.
 * @example adamUpdateInPlace(weight, weight.grad!, first, second, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, correction1: 0.1, correction2: 0.001 });
 */
export function adamUpdateInPlace(
  parameter: Tensor,
  grad: Tensor,
  first: FloatArray,
  second: FloatArray,
  update: AdamUpdate,
): void {
  const values = elementsOf(parameter);
  activeBackend().adamUpdate(values, gradientOf(parameter, grad), first, second, update);
}

/**
 * One SGD step of a contiguous float parameter from `grad` (`buffer`: its momentum, or null).
 * @example sgdUpdateInPlace(weight, weight.grad!, null, { lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 });
 */
export function sgdUpdateInPlace(
  parameter: Tensor,
  grad: Tensor,
  buffer: FloatArray | null,
  update: SgdUpdate,
): void {
  activeBackend().sgdUpdate(elementsOf(parameter), gradientOf(parameter, grad), buffer, update);
}

/**
 * One SparseAdam step of a contiguous float parameter on the rows of a coalesced row-sparse gradient.
 * @example sparseAdamUpdateInPlace(table, rowIndices, rowValues, 100, first, second, { stepSize: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
 */
export function sparseAdamUpdateInPlace(
  parameter: Tensor,
  indices: Int32Array,
  rows: FloatArray,
  width: number,
  first: FloatArray,
  second: FloatArray,
  update: SparseAdamUpdate,
): void {
  const values = elementsOf(parameter);
  const matching = rows.constructor === values.constructor ? rows : toDtypeOf(values, rows);
  activeBackend().sparseAdamUpdate(values, matching, indices, width, first, second, update);
}

/** `rows` converted to `like`'s float type. */
function toDtypeOf(like: FloatArray, rows: FloatArray): FloatArray {
  return like instanceof Float64Array ? Float64Array.from(rows) : Float32Array.from(rows);
}
