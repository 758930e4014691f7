// concat: tensors joined along an existing axis; the gradient is sliced back apart.
import { promoteTypes } from "../backend/dtype.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import { normalizeAxis } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { outputTensor } from "./kernels.js";
import { slice } from "./slice.js";

/** Axis order with `axis` moved to the front (the layout in which concat copies each input as one block). */
const axisFirst = (rank: number, axis: number): number[] => [
  axis,
  ...Array.from({ length: rank }, (_, a) => a).filter((a) => a !== axis),
];

const concatOp = /* @__PURE__ */ defineOp<Tensor[], { readonly axis: number }>({
  name: "concat",
  forward: (inputs, { axis }, backend) => {
    const first = inputs[0]!;
    const order = axisFirst(first.rank, axis);
    const total = inputs.reduce((count, x) => count + x.shape[axis]!, 0);
    const shape = first.shape.map((extent, a) => (a === axis ? total : extent));
    const buffer = outputTensor(
      order.map((a) => shape[a]!),
      first.dtype,
    );
    let position = 0;
    for (const x of inputs) {
      const view = new Tensor(
        x.data,
        order.map((a) => x.shape[a]!),
        order.map((a) => x.strides[a]!),
        x.offset,
      );
      backend.copy(view, buffer.data.subarray(position, position + x.size));
      position += x.size;
    }
    const strides = new Array<number>(shape.length);
    order.forEach((a, i) => (strides[a] = buffer.strides[i]!));
    return new Tensor(buffer.data, shape, strides);
  },
  // ∂concat(x₁, …, xₙ)/∂xᵢ picks xᵢ's block: the gradient is sliced along the axis
  backward: (outputGrad, { inputs, params: { axis } }) => {
    let start = 0;
    return inputs.map((x) => {
      start += x.shape[axis]!;
      return slice(outputGrad, axis, start - x.shape[axis]!, start);
    });
  },
});

/**
 * Joins tensors along an existing `axis` (default 0); the other extents must agree, dtypes promote.
 * @example concat([zeros([2, 3]), ones([1, 3])]).shape; // [3, 3]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new ShapeError("concat: expected at least one tensor");
  const normalized = normalizeAxis("concat", axis, first.rank);
  if (first.rank === 0) throw new ShapeError("concat: cannot join 0-d tensors (use stack)");
  for (const x of tensors) {
    if (x.rank !== first.rank || x.shape.some((e, a) => a !== normalized && e !== first.shape[a])) {
      throw new ShapeError(
        `concat: shapes ${formatShape(first.shape)} and ${formatShape(x.shape)} differ off axis ${axis}`,
      );
    }
  }
  if (tensors.length === 1) return first;
  const dtype = tensors.map((x) => x.dtype).reduce(promoteTypes);
  const inputs = tensors.map((x) => x.astype(dtype));
  return concatOp(inputs, { axis: normalized });
}
