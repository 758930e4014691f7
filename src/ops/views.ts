// Shape ops that view the same storage: reshape, expand, permute, transpose (and a copying contiguous).
import { formatShape, ShapeError } from "../tensor/errors.js";
import {
  broadcastShapes,
  broadcastStrides,
  contiguousStrides,
  resolveShape,
  sameShape,
} from "../tensor/shape.js";
import { normalizeAxis } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { isContiguous } from "../backend/js/strided.js";
import { defineOp } from "./define-op.js";
import { emptyTensor } from "./kernels.js";

const contiguousOp = defineOp<[Tensor]>({
  name: "contiguous",
  forward: ([x], _, backend) => {
    const output = emptyTensor(x.shape, x.dtype);
    backend.copy(x, output.data);
    return output;
  },
  // d/dx copy(x) = 1
  backward: (outputGrad) => [outputGrad],
});

/** `x` itself when its elements are laid out row-major, otherwise a row-major copy. */
export const contiguous = (x: Tensor): Tensor =>
  isContiguous(x) ? x : contiguousOp([x], undefined);

const reshapeOp = defineOp<[Tensor], readonly number[]>({
  name: "reshape",
  forward: ([x], shape) => new Tensor(x.data, shape, contiguousStrides(shape), x.offset),
  // the gradient takes the input's shape back
  backward: (outputGrad, { inputs: [x] }) => [outputGrad.reshape(x.shape)],
});

/** The same elements in a new shape (one extent may be -1); a view when `x` is contiguous. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const resolved = resolveShape("reshape", shape, x.size, x.shape);
  if (sameShape(resolved, x.shape)) return x;
  return reshapeOp([contiguous(x)], resolved);
}

const expandOp = defineOp<[Tensor], readonly number[]>({
  name: "expand",
  forward: ([x], shape) =>
    new Tensor(x.data, shape, broadcastStrides(x.shape, x.strides, shape), x.offset),
  // the engine sums the gradient back over the broadcast axes
  backward: (outputGrad) => [outputGrad],
});

/** A broadcast view of `x` with `shape` (no copy). */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const target = broadcastShapes("expand", x.shape, shape);
  if (!sameShape(target, shape)) {
    throw new ShapeError(`expand: cannot expand ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  return sameShape(shape, x.shape) ? x : expandOp([x], shape);
}

const permuteOp = defineOp<[Tensor], readonly number[]>({
  name: "permute",
  forward: ([x], axes) =>
    new Tensor(
      x.data,
      axes.map((a) => x.shape[a]!),
      axes.map((a) => x.strides[a]!),
      x.offset,
    ),
  // the gradient is permuted back by the inverse permutation
  backward: (outputGrad, { params: axes }) => {
    const inverse = new Array<number>(axes.length);
    axes.forEach((axis, position) => (inverse[axis] = position));
    return [outputGrad.permute(inverse)];
  },
});

/** A view with the axes reordered: result axis i is input axis axes[i]. */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  const normalized = axes.map((axis) => normalizeAxis("permute", axis, x.rank));
  if (normalized.length !== x.rank || new Set(normalized).size !== x.rank) {
    throw new ShapeError(
      `permute: [${axes.join(", ")}] is not a permutation of the ${x.rank} axes of ${formatShape(x.shape)}`,
    );
  }
  return normalized.every((axis, i) => axis === i) ? x : permuteOp([x], normalized);
}

/** A view with two axes swapped (the last two by default). */
export function transpose(x: Tensor, dim0 = -2, dim1 = -1): Tensor {
  if (x.rank < 2) return x;
  const first = normalizeAxis("transpose", dim0, x.rank);
  const second = normalizeAxis("transpose", dim1, x.rank);
  const axes = Array.from({ length: x.rank }, (_, i) => i);
  axes[first] = second;
  axes[second] = first;
  return permute(x, axes);
}
