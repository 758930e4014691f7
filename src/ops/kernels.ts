// Forward helpers shared by primitive ops: run a backend kernel into a fresh contiguous tensor.
import type { BinaryKernel, ReduceKernel, UnaryKernel } from "../backend/backend.js";
import { allocate, allocateUninitialized, promoteTypes, type DType } from "../backend/dtype.js";
import { activeBackend } from "../backend/registry.js";
import { isContiguous } from "../backend/layout.js";
import { broadcastShapes, broadcastStrides, sameShape, sizeOfShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";

/** A fresh contiguous tensor of `shape` and `dtype`, zero-filled. */
export function emptyTensor(shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(allocate(dtype, sizeOfShape(shape)), shape);
}

/**
 * A fresh contiguous tensor for a kernel to fill: its storage is not zeroed first (see
 * allocateUninitialized), so the caller must write every element.
 */
export function outputTensor(shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(allocateUninitialized(dtype, sizeOfShape(shape)), shape);
}

/** A view of `x` broadcast to `shape` (stride 0 along broadcast axes). */
export function broadcastView(x: Tensor, shape: readonly number[]): Tensor {
  return new Tensor(x.data, shape, broadcastStrides(x.shape, x.strides, shape), x.offset);
}

/** A unary kernel into a fresh tensor; `alpha` is the parameter of elu and leakyRelu. */
export function unaryKernel(
  kernel: UnaryKernel,
  x: Tensor,
  dtype: DType = x.dtype,
  alpha = 0,
): Tensor {
  const output = outputTensor(x.shape, dtype);
  activeBackend().unary(kernel, x, output.data, alpha);
  return output;
}

/** A broadcast binary kernel; inputs must already share a dtype (ops promote first). */
export function binaryKernel(
  kernel: BinaryKernel,
  op: string,
  a: Tensor,
  b: Tensor,
  dtype?: DType,
): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const output = outputTensor(shape, dtype ?? promoteTypes(a.dtype, b.dtype));
  const left = sameShape(a.shape, shape) ? a : broadcastView(a, shape);
  const right = sameShape(b.shape, shape) ? b : broadcastView(b, shape);
  activeBackend().binary(kernel, left, right, output.data);
  return output;
}

/** Reduces along sorted `axes`; the result drops those axes. */
export function reduceKernel(kernel: ReduceKernel, x: Tensor, axes: readonly number[]): Tensor {
  const shape = x.shape.filter((_, axis) => !axes.includes(axis));
  const output = outputTensor(shape, x.dtype);
  activeBackend().reduce(kernel, x, axes, output.data);
  return output;
}

/** The elements of `x` row-major as a typed array (a subarray, without copying, when `x` is contiguous). */
export function contiguousData(x: Tensor): Tensor["data"] {
  if (isContiguous(x)) return x.data.subarray(x.offset, x.offset + x.size);
  const output = outputTensor(x.shape, x.dtype);
  activeBackend().copy(x, output.data);
  return output.data;
}

/** `shape` seen as [outer, shape[axis], inner], the layout of the index kernels. */
export function splitAtAxis(
  shape: readonly number[],
  axis: number,
): { outer: number; axisSize: number; inner: number } {
  return {
    outer: sizeOfShape(shape.slice(0, axis)),
    axisSize: shape[axis] ?? 1,
    inner: sizeOfShape(shape.slice(axis + 1)),
  };
}
