// Differentiable stacking along a new first axis, and picking one slice back out (builds Jacobians).
import { allocate } from "../backend/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { customOp } from "./custom-op.js";

/** Slice `index` of `x` along its first axis, as a new contiguous tensor. */
function selectRow(x: Tensor, index: number): Tensor {
  return customOp({
    name: "selectRow",
    forward: (source) => {
      const rowShape = source.shape.slice(1);
      const rowSize = source.size / source.shape[0]!;
      const values = source.dataSync().slice(index * rowSize, (index + 1) * rowSize);
      return new Tensor(values, rowShape);
    },
    // the gradient goes back to slice `index`; the other slices get zero
    backward: (outputGrad, { inputs: [source] }) => [
      placeRow(outputGrad, index, source!.shape[0]!),
    ],
  })(x);
}

/** A tensor of `count` slices, all zero except slice `index`, which is `row`. */
function placeRow(row: Tensor, index: number, count: number): Tensor {
  return customOp({
    name: "placeRow",
    forward: (slice) => {
      const values = allocate(slice.dtype, count * slice.size);
      values.set(slice.dataSync(), index * slice.size);
      return new Tensor(values, [count, ...slice.shape]);
    },
    // only slice `index` depends on the row
    backward: (outputGrad) => [selectRow(outputGrad, index)],
  })(row);
}

/** The tensors (all of one shape and dtype) stacked along a new first axis. */
export function stackRows(rows: readonly Tensor[]): Tensor {
  return customOp({
    name: "stackRows",
    forward: (...slices) => {
      const first = slices[0]!;
      const values = allocate(first.dtype, slices.length * first.size);
      slices.forEach((slice, index) => values.set(slice.dataSync(), index * first.size));
      return new Tensor(values, [slices.length, ...first.shape]);
    },
    // slice i of the gradient belongs to row i
    backward: (outputGrad, { inputs }) => inputs.map((_, index) => selectRow(outputGrad, index)),
  })(...rows);
}
