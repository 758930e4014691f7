// gather (torch.gather: pick along an axis per position) and its transpose scatterAdd, each the other's backward.
import { formatShape, ShapeError } from "../tensor/errors.js";
import { normalizeAxis } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { checkedIndices } from "./indices.js";
import { contiguousData, emptyTensor, outputTensor, splitAtAxis } from "./kernels.js";
import { slice } from "./slice.js";

interface GatherParams {
  readonly axis: number;
  /** The extent along `axis` of scatterAdd's result. */
  readonly axisSize: number;
}

const gatherOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], GatherParams>({
  name: "gather",
  forward: ([x, index], { axis }, backend) => {
    const { outer, axisSize, inner } = splitAtAxis(x.shape, axis);
    const indices = checkedIndices("gather", index, axis, axisSize);
    const output = outputTensor(index.shape, x.dtype);
    backend.gather(contiguousData(x), indices, outer, axisSize, inner, output.data);
    return output;
  },
  // ∂y[…, j, …]/∂x[…, index[…, j, …], …] = 1: the gradient is scatter-added back
  backward: (outputGrad, { inputs: [x, index], params: { axis } }) => [
    scatterAdd(outputGrad, axis, index, x.shape[axis]!),
    null,
  ],
});

const scatterAddOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], GatherParams>({
  name: "scatterAdd",
  forward: ([source, index], { axis, axisSize }, backend) => {
    const shape = source.shape.map((extent, a) => (a === axis ? axisSize : extent));
    const { outer, inner } = splitAtAxis(shape, axis);
    const indices = checkedIndices("scatterAdd", index, axis, axisSize);
    const output = emptyTensor(shape, source.dtype);
    backend.scatterAdd(contiguousData(source), indices, outer, axisSize, inner, output.data);
    return output;
  },
  // scatterAdd is linear and its transpose is gather
  backward: (outputGrad, { inputs: [, index], params: { axis } }) => [
    gather(outputGrad, axis, index),
    null,
  ],
});

function checkRanks(op: string, x: Tensor, index: Tensor): void {
  if (x.rank === 0 || index.rank !== x.rank) {
    throw new ShapeError(
      `${op}: index ${formatShape(index.shape)} must have the rank of ${formatShape(x.shape)} (at least 1)`,
    );
  }
}

/**
 * torch.gather: y[i][j][k] = x[i][index[i][j][k]][k] for axis 1. `index` is int32 with x's rank and
 * extents no larger than x's off the axis.
 * @example gather(logits, 1, labels.unsqueeze(1)) // each row's score of its label
 */
export function gather(x: Tensor, axis: number, index: Tensor): Tensor {
  checkRanks("gather", x, index);
  const normalized = normalizeAxis("gather", axis, x.rank);
  let source = x;
  for (let a = 0; a < x.rank; a++) {
    if (a === normalized || index.shape[a] === x.shape[a]) continue;
    if (index.shape[a]! > x.shape[a]!) {
      throw new ShapeError(
        `gather: index ${formatShape(index.shape)} is larger than input ${formatShape(x.shape)} at axis ${a}`,
      );
    }
    source = slice(source, a, 0, index.shape[a]);
  }
  return gatherOp([source, index], { axis: normalized, axisSize: x.shape[normalized]! });
}

/**
 * Zeros of `source`'s shape but with extent `axisSize` along `axis`, into which source is added at
 * `index` (same shape as source, repeats accumulate): the transpose of gather.
 * @example scatterAdd(ones([2, 1]), 1, tensor([[0], [2]], { dtype: "int32" }), 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function scatterAdd(source: Tensor, axis: number, index: Tensor, axisSize: number): Tensor {
  checkRanks("scatterAdd", source, index);
  const normalized = normalizeAxis("scatterAdd", axis, source.rank);
  if (index.shape.some((extent, a) => extent !== source.shape[a])) {
    throw new ShapeError(
      `scatterAdd: index ${formatShape(index.shape)} and source ${formatShape(source.shape)} must have the same shape`,
    );
  }
  return scatterAddOp([source, index], { axis: normalized, axisSize });
}
