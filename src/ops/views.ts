// Shape ops that view the same storage: reshape, squeeze, unsqueeze, flatten, expand, permute, transpose.
import { formatShape, ShapeError } from "../tensor/errors.js";
import {
  broadcastShapes,
  broadcastStrides,
  contiguousStrides,
  normalizeAxes,
  normalizeAxis,
  resolveShape,
  sameShape,
  sizeOfShape,
} from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { isContiguous } from "../backend/layout.js";
import { defineOp } from "./define-op.js";
import { outputTensor } from "./kernels.js";

const contiguousOp = /* @__PURE__ */ defineOp<[Tensor]>({
  name: "contiguous",
  forward: ([x], _, backend) => {
    const output = outputTensor(x.shape, x.dtype);
    backend.copy(x, output.data);
    return output;
  },
  // d/dx copy(x) = 1
  backward: (outputGrad) => [outputGrad],
});

/** `x` itself when its elements are laid out row-major, otherwise a row-major copy. */
export const contiguous = (x: Tensor): Tensor =>
  isContiguous(x) ? x : contiguousOp([x], undefined);

/**
 * Strides that show a view of `shape`/`strides` as `target` without copying, or null when none exist
 * (PyTorch's computeStride: each run of merged input axes must be laid out contiguously).
 */
export function viewStrides(
  shape: readonly number[],
  strides: readonly number[],
  target: readonly number[],
): number[] | null {
  if (shape.length === 0 || sizeOfShape(shape) === 0) return contiguousStrides(target);
  const result = new Array<number>(target.length).fill(1);
  let targetAxis = target.length - 1;
  let chunkStride = strides[strides.length - 1]!;
  let inputCount = 1;
  let targetCount = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    inputCount *= shape[axis]!;
    const chunkEnds =
      axis === 0 || (shape[axis - 1] !== 1 && strides[axis - 1] !== inputCount * chunkStride);
    if (!chunkEnds) continue;
    while (targetAxis >= 0 && (targetCount < inputCount || target[targetAxis] === 1)) {
      result[targetAxis] = targetCount * chunkStride;
      targetCount *= target[targetAxis]!;
      targetAxis--;
    }
    if (targetCount !== inputCount) return null;
    if (axis > 0) {
      chunkStride = strides[axis - 1]!;
      inputCount = 1;
      targetCount = 1;
    }
  }
  return targetAxis === -1 ? result : null;
}

const reshapeOp = /* @__PURE__ */ defineOp<[Tensor], readonly number[]>({
  name: "reshape",
  forward: ([x], shape) =>
    new Tensor(x.data, shape, viewStrides(x.shape, x.strides, shape)!, x.offset),
  // the gradient takes the input's shape back
  backward: (outputGrad, { inputs: [x] }) => [outputGrad.reshape(x.shape)],
});

/**
 * The same elements in a new shape (one extent may be -1): a view whenever the strides allow it, as in PyTorch.
 * @example arange(6).reshape([2, -1]).shape; // [2, 3]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const resolved = resolveShape("reshape", shape, x.size, x.shape);
  if (sameShape(resolved, x.shape)) return x;
  const viewable = viewStrides(x.shape, x.strides, resolved) !== null;
  return reshapeOp([viewable ? x : contiguousOp([x], undefined)], resolved);
}

/**
 * Drops size-1 axes: `axis` (a number or array; each must have size 1), or every size-1 axis when omitted.
 * @example squeeze(zeros([1, 3, 1])).shape; // [3]
 */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes =
    axis === undefined
      ? x.shape.flatMap((extent, a) => (extent === 1 ? [a] : []))
      : normalizeAxes("squeeze", axis, x.rank);
  const wide = axes.find((a) => x.shape[a] !== 1);
  if (wide !== undefined) {
    throw new ShapeError(
      `squeeze: axis ${wide} of ${formatShape(x.shape)} has size ${x.shape[wide]}, not 1`,
    );
  }
  return reshape(
    x,
    x.shape.filter((_, a) => !axes.includes(a)),
  );
}

/**
 * Inserts a size-1 axis at `axis` (−1 appends one at the end).
 * @example unsqueeze(zeros([3]), 0).shape; // [1, 3]
 */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const position = normalizeAxis("unsqueeze", axis, x.rank + 1);
  const shape = [...x.shape];
  shape.splice(position, 0, 1);
  return reshape(x, shape);
}

/**
 * Merges axes startAxis … endAxis (inclusive, all by default) into one.
 * @example flatten(zeros([2, 3, 4]), 1).shape; // [2, 12]
 */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  if (x.rank === 0) return reshape(x, [1]);
  const start = normalizeAxis("flatten", startAxis, x.rank);
  const end = normalizeAxis("flatten", endAxis, x.rank);
  if (start > end) {
    throw new ShapeError(`flatten: startAxis ${startAxis} comes after endAxis ${endAxis}`);
  }
  const merged = x.shape.slice(start, end + 1).reduce((product, extent) => product * extent, 1);
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}

const expandOp = /* @__PURE__ */ defineOp<[Tensor], readonly number[]>({
  name: "expand",
  forward: ([x], shape) =>
    new Tensor(x.data, shape, broadcastStrides(x.shape, x.strides, shape), x.offset),
  // the engine sums the gradient back over the broadcast axes
  backward: (outputGrad) => [outputGrad],
});

/**
 * `shape` with each −1 replaced by the extent it keeps (PyTorch's "keep this size"); −1 is not allowed
 * for the new leading axes, which have no size to keep.
 */
function resolveExpandShape(x: Tensor, shape: readonly number[]): number[] {
  const leading = shape.length - x.rank;
  return shape.map((extent, axis) => {
    if (extent !== -1) {
      if (!Number.isInteger(extent) || extent < 0)
        throw new ShapeError(`expand: invalid size ${extent} in ${formatShape(shape)}`);
      return extent;
    }
    if (axis < leading) {
      throw new ShapeError(
        `expand: -1 at axis ${axis} of ${formatShape(shape)} names no axis of ${formatShape(x.shape)} to keep`,
      );
    }
    return x.shape[axis - leading]!;
  });
}

/**
 * A broadcast view of `x` with `shape` (no copy); −1 keeps an axis's extent, as in PyTorch.
 * @example expand(zeros([3, 1]), [-1, 4]).shape; // [3, 4]
 */
export function expand(x: Tensor, size: readonly number[]): Tensor {
  const shape = resolveExpandShape(x, size);
  const target = broadcastShapes("expand", x.shape, shape);
  if (!sameShape(target, shape)) {
    throw new ShapeError(`expand: cannot expand ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  return sameShape(shape, x.shape) ? x : expandOp([x], shape);
}

const permuteOp = /* @__PURE__ */ defineOp<[Tensor], readonly number[]>({
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
