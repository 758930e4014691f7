// scaledDotProductAttention's operands checked and laid out for the fused kernels: broadcast batch
// axes, each operand as strided matrices with one offset per batch entry (views are never copied).
import type { BatchedMatrices } from "../backend/attention.js";
import type { TypedArray } from "../backend/dtype.js";
import { DTypeError, formatShape, ShapeError } from "../tensor/errors.js";
import { broadcastStrides, sameShape, sizeOfShape } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";

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
  return {
    data: x.data,
    offsets,
    rowStride: strides[batchRank]!,
    colStride: strides[batchRank + 1]!,
  };
}
