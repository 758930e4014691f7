// indexSelect (rows by index, e.g. embeddings) and its transpose indexAdd, each the other's backward.
import { formatShape, ShapeError } from "../tensor/errors.js";
import { normalizeAxis } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { checkedIndices } from "./indices.js";
import { contiguousData, emptyTensor, outputTensor, splitAtAxis } from "./kernels.js";

interface IndexParams {
  readonly axis: number;
  /** The extent along `axis` of indexAdd's result. */
  readonly axisSize: number;
}

const indexSelectOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], IndexParams>({
  name: "indexSelect",
  forward: ([x, index], { axis }, backend) => {
    const { outer, axisSize, inner } = splitAtAxis(x.shape, axis);
    const indices = checkedIndices("indexSelect", index, axis, axisSize);
    const shape = x.shape.map((extent, a) => (a === axis ? indices.length : extent));
    const output = outputTensor(shape, x.dtype);
    backend.take(contiguousData(x), indices, outer, axisSize, inner, output.data);
    return output;
  },
  // ∂y[…, j, …]/∂x[…, index[j], …] = 1: the gradient is added back at the selected rows
  backward: (outputGrad, { inputs: [x, index], params: { axis } }) => [
    indexAdd(outputGrad, axis, index, x.shape[axis]!),
    null,
  ],
});

const indexAddOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], IndexParams>({
  name: "indexAdd",
  forward: ([source, index], { axis, axisSize }, backend) => {
    const { outer, inner } = splitAtAxis(source.shape, axis);
    const indices = checkedIndices("indexAdd", index, axis, axisSize);
    const shape = source.shape.map((extent, a) => (a === axis ? axisSize : extent));
    const output = emptyTensor(shape, source.dtype);
    backend.takeAdd(contiguousData(source), indices, outer, axisSize, inner, output.data);
    return output;
  },
  // indexAdd is linear and its transpose is indexSelect
  backward: (outputGrad, { inputs: [, index], params: { axis } }) => [
    indexSelect(outputGrad, axis, index),
    null,
  ],
});

function checkIndexRank(op: string, x: Tensor, index: Tensor): void {
  if (x.rank === 0) throw new ShapeError(`${op}: cannot index a 0-d tensor`);
  if (index.rank > 1) {
    throw new ShapeError(`${op}: index must be 1-D, got shape ${formatShape(index.shape)}`);
  }
}

/**
 * The slices of `x` at positions `index` (1-D int32) along `axis`, like torch.index_select.
 * @example indexSelect(embeddings, 0, tensor([2, 0], { dtype: "int32" })) // rows 2 and 0
 */
export function indexSelect(x: Tensor, axis: number, index: Tensor): Tensor {
  checkIndexRank("indexSelect", x, index);
  const normalized = normalizeAxis("indexSelect", axis, x.rank);
  return indexSelectOp([x, index.reshape([-1])], {
    axis: normalized,
    axisSize: x.shape[normalized]!,
  });
}

/**
 * Zeros with extent `axisSize` along `axis` into which the slices of `source` are added at `index`
 * (repeated indices accumulate): the transpose of indexSelect.
 * @example indexAdd(ones([2, 3]), 0, tensor([1, 1], { dtype: "int32" }), 4) // row 1 holds 2s
 */
export function indexAdd(source: Tensor, axis: number, index: Tensor, axisSize: number): Tensor {
  checkIndexRank("indexAdd", source, index);
  const normalized = normalizeAxis("indexAdd", axis, source.rank);
  if (source.shape[normalized] !== index.size) {
    throw new ShapeError(
      `indexAdd: source ${formatShape(source.shape)} has ${source.shape[normalized]} slices along axis ${axis} but index has ${index.size}`,
    );
  }
  return indexAddOp([source, index.reshape([-1])], { axis: normalized, axisSize });
}
