// Shapes, strides, broadcasting and axis normalisation.
import { formatShape, ShapeError } from "./errors.js";

export function sizeOfShape(shape: readonly number[]): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** Row-major strides of a contiguous array of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return strides;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((extent, axis) => extent === b[axis]);
}

/** NumPy broadcasting: align trailing axes; each pair must be equal or contain a 1. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const result = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const extentA = a[a.length - rank + i] ?? 1;
    const extentB = b[b.length - rank + i] ?? 1;
    if (extentA !== extentB && extentA !== 1 && extentB !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast (axis ${i - rank}: ${extentA} vs ${extentB})`,
      );
    }
    result[i] = extentA === 1 ? extentB : extentA;
  }
  return result;
}

/** Strides that view an array of `shape`/`strides` as `target` (broadcast axes get stride 0). */
export function broadcastStrides(
  shape: readonly number[],
  strides: readonly number[],
  target: readonly number[],
): number[] {
  const offset = target.length - shape.length;
  return target.map((extent, axis) => {
    const own = axis - offset;
    if (own < 0) return 0;
    return shape[own] === 1 && extent !== 1 ? 0 : strides[own]!;
  });
}

/**
 * A possibly negative axis as an index in [0, rank). As in PyTorch, a 0-d tensor accepts axis 0 and −1
 * (both name the scalar itself) and gets 0.
 */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  const extent = Math.max(rank, 1);
  const normalized = axis < 0 ? axis + extent : axis;
  if (!Number.isInteger(axis) || normalized < 0 || normalized >= extent) {
    throw new ShapeError(`${op}: axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return normalized;
}

/**
 * Axis argument (undefined = all, a number, or an array; negatives allowed) as sorted unique axes. On a
 * 0-d tensor axis 0 or −1 reduces over nothing (PyTorch returns x itself), so the result is [].
 */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined,
  rank: number,
): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const normalized = list.map((a) => normalizeAxis(op, a, rank));
  if (new Set(normalized).size !== normalized.length) {
    throw new ShapeError(`${op}: repeated axis in [${list.join(", ")}]`);
  }
  return rank === 0 ? [] : normalized.sort((x, y) => x - y);
}

/** The axes along which `from` was broadcast to reach `to` (for summing gradients back). */
export function broadcastAxes(from: readonly number[], to: readonly number[]): number[] {
  const offset = to.length - from.length;
  const axes: number[] = [];
  for (let axis = 0; axis < to.length; axis++) {
    const own = axis - offset;
    if (own < 0 || (from[own] === 1 && to[axis] !== 1)) axes.push(axis);
  }
  return axes;
}

/** Resolves a reshape target with at most one -1 for a tensor of `size` elements. */
export function resolveShape(
  op: string,
  shape: readonly number[],
  size: number,
  from: readonly number[],
): number[] {
  const unknown = shape.indexOf(-1);
  if (shape.lastIndexOf(-1) !== unknown)
    throw new ShapeError(`${op}: only one dimension may be -1 in ${formatShape(shape)}`);
  if (shape.some((extent) => !Number.isInteger(extent) || extent < -1)) {
    throw new ShapeError(`${op}: invalid shape ${formatShape(shape)}`);
  }
  const known = shape.reduce((product, extent) => (extent === -1 ? product : product * extent), 1);
  const resolved = [...shape];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new ShapeError(
        `${op}: cannot reshape ${formatShape(from)} (${size} elements) to ${formatShape(shape)}`,
      );
    }
    resolved[unknown] = size / known;
  }
  if (sizeOfShape(resolved) !== size) {
    throw new ShapeError(
      `${op}: cannot reshape ${formatShape(from)} (${size} elements) to ${formatShape(shape)}`,
    );
  }
  return resolved;
}
