// scaledDotProductAttention's operands checked and laid out for the fused kernels: broadcast batch
// axes, each operand as strided matrices with one offset per batch entry (views are never copied).
import type { BatchedMatrices } from "../backend/attention.js";
import { allocateUninitialized, type DType, type TypedArray } from "../backend/dtype.js";
import { DTypeError, formatShape, ShapeError } from "../tensor/errors.js";
import { broadcastStrides, sameShape, sizeOfShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";

const OP = "scaledDotProductAttention";

/** The problem's sizes: batch axes (broadcast), L queries, S keys, E and Ev features. */
export interface AttentionSizes {
  readonly batchShape: readonly number[];
  readonly batch: number;
  readonly queries: number;
  readonly keys: number;
  readonly headDim: number;
  readonly valueDim: number;
}

/** The batch axes of q, k and v broadcast together, or a ShapeError naming all three shapes. */
function broadcastBatch(shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((shape) => shape.length - 2));
  const result: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const extents = shapes.map((shape) => shape[shape.length - 2 - rank + axis] ?? 1);
    const wide = extents.filter((extent) => extent !== 1);
    if (wide.some((extent) => extent !== wide[0]))
      throw new ShapeError(
        `${OP}: batch dimensions of query ${formatShape(shapes[0]!)}, key ${formatShape(shapes[1]!)} and value ${formatShape(shapes[2]!)} do not broadcast`,
      );
    result.push(wide[0] ?? 1);
  }
  return result;
}

/** Checks ranks, dtypes and the shared sizes of query [..., L, E], key [..., S, E], value [..., S, Ev]. */
export function attentionSizes(query: Tensor, key: Tensor, value: Tensor): AttentionSizes {
  const shapes = [query.shape, key.shape, value.shape];
  if (shapes.some((shape) => shape.length < 2))
    throw new ShapeError(
      `${OP}: query, key and value need rank ≥ 2 ([..., L, E], [..., S, E], [..., S, Ev]), got ${shapes.map(formatShape).join(", ")}`,
    );
  const dtypes = [query.dtype, key.dtype, value.dtype];
  if (dtypes.some((dtype) => dtype === "int32") || new Set(dtypes).size > 1)
    throw new DTypeError(
      `${OP}: query, key and value must share one float dtype, got ${dtypes.join(", ")}`,
    );
  const [queries, headDim] = query.shape.slice(-2) as [number, number];
  const [keys, keyDim] = key.shape.slice(-2) as [number, number];
  const [valueKeys, valueDim] = value.shape.slice(-2) as [number, number];
  if (keyDim !== headDim)
    throw new ShapeError(
      `${OP}: query ${formatShape(query.shape)} and key ${formatShape(key.shape)} differ in the last dimension (${headDim} vs ${keyDim})`,
    );
  if (valueKeys !== keys)
    throw new ShapeError(
      `${OP}: key ${formatShape(key.shape)} and value ${formatShape(value.shape)} differ in the number of keys (${keys} vs ${valueKeys})`,
    );
  const batchShape = broadcastBatch(shapes);
  return { batchShape, batch: sizeOfShape(batchShape), queries, keys, headDim, valueDim };
}

/** Throws unless `mask` broadcasts to [...batch, L, S] (it may not widen the batch). */
export function checkMask(mask: Tensor, sizes: AttentionSizes): void {
  const target = [...sizes.batchShape, sizes.queries, sizes.keys];
  const offset = target.length - mask.rank;
  const fits =
    offset >= 0 &&
    mask.shape.every((extent, axis) => extent === 1 || extent === target[axis + offset]);
  if (!fits)
    throw new ShapeError(
      `${OP}: attnMask of shape ${formatShape(mask.shape)} does not broadcast to [...batch, L, S] = ${formatShape(target)}`,
    );
}

/** `x` of shape [...xBatch, rows, cols] as strided matrices, one offset per entry of the batch. */
export function batchedMatrices<A extends TypedArray>(
  x: Tensor & { readonly data: A },
  sizes: AttentionSizes,
  rows: number,
  cols: number,
): BatchedMatrices<A> {
  const target = [...sizes.batchShape, rows, cols];
  const strides = sameShape(x.shape, target)
    ? x.strides
    : broadcastStrides(x.shape, x.strides, target);
  const batchRank = sizes.batchShape.length;
  const offsets = new Float64Array(sizes.batch);
  const index = new Array<number>(batchRank).fill(0);
  for (let b = 0, offset = x.offset; b < sizes.batch; b++) {
    offsets[b] = offset;
    // step the batch index like an odometer, moving the offset with it
    for (let axis = batchRank - 1; axis >= 0; axis--) {
      offset += strides[axis]!;
      if (++index[axis]! < sizes.batchShape[axis]!) break;
      offset -= strides[axis]! * index[axis]!;
      index[axis] = 0;
    }
  }
  // a single column is read with any stride: say 1, so kernels that need contiguous rows accept it
  const colStride = cols === 1 ? 1 : strides[batchRank + 1]!;
  return { data: x.data, offsets, rowStride: strides[batchRank]!, colStride };
}

/** A fresh tensor of `shape` whose elements are laid out in `order` (outermost axis first). */
function tensorInOrder(shape: readonly number[], order: readonly number[], dtype: DType): Tensor {
  const strides = new Array<number>(shape.length).fill(0);
  let size = 1;
  for (let k = order.length - 1; k >= 0; k--) {
    strides[order[k]!] = size;
    size *= shape[order[k]!]!;
  }
  return new Tensor(allocateUninitialized(dtype, size), shape, strides);
}

/**
 * The output [...batch, L, Ev], laid out as [...batch without its last axis, L, last batch axis, Ev]
 * when there are two or more batch axes (as PyTorch's SDPA does): for [N, H, L, Ev] heads, merging
 * them back into [N, L, H·Ev] is then a view, not a copy.
 */
export function attentionOutput(sizes: AttentionSizes, dtype: DType): Tensor {
  const shape = [...sizes.batchShape, sizes.queries, sizes.valueDim];
  const rank = shape.length;
  const order = shape.map((_, axis) => axis);
  if (sizes.batchShape.length >= 2) [order[rank - 3], order[rank - 2]] = [rank - 2, rank - 3];
  return tensorInOrder(shape, order, dtype);
}

/**
 * A fresh tensor for the gradient of `x` (of the full shape `shape`) laid out as x is when x is a
 * permutation of a dense array with contiguous rows (so a view's gradient needs no copy back, as
 * PyTorch's gradient layout contract); contiguous otherwise.
 */
export function gradientLike(x: Tensor, shape: readonly number[]): Tensor {
  const order = x.shape.map((_, axis) => axis).sort((a, b) => x.strides[b]! - x.strides[a]!);
  let expected = 1;
  let dense =
    sameShape(x.shape, shape) && (x.shape[x.rank - 1] === 1 || x.strides[x.rank - 1] === 1);
  for (let k = order.length - 1; k >= 0 && dense; k--) {
    const axis = order[k]!;
    if (x.shape[axis] === 1) continue;
    dense = x.strides[axis] === expected;
    expected *= x.shape[axis]!;
  }
  return tensorInOrder(shape, dense ? order : shape.map((_, axis) => axis), x.dtype);
}
