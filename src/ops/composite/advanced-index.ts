// Advanced indexing with int32 index tensors, as NumPy and PyTorch do it: the index tensors broadcast
// together and pick elements jointly (x[i, j] is [x[i₀, j₀], x[i₁, j₁], …]), never as an outer product.
import { formatShape, ShapeError, DTypeError } from "../../tensor/errors.js";
import { broadcastShapes, sizeOfShape } from "../../tensor/shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { indexSelect } from "../index-select.js";
import { contiguousData } from "../kernels.js";

/** One index tensor and the axis of x (after the basic indices) that it indexes. */
export interface AxisIndex {
  readonly axis: number;
  readonly index: Tensor;
}

/**
 * The flat positions in the merged indexed axes: Σ_k wrap(index_k)·stride_k over the broadcast shape,
 * with negative indices counted from the end and every index checked against its axis.
 */
function linearPositions(x: Tensor, entries: readonly AxisIndex[], shape: number[]): Int32Array {
  const positions = new Int32Array(sizeOfShape(shape));
  let stride = 1;
  for (let k = entries.length - 1; k >= 0; k--) {
    const { axis, index } = entries[k]!;
    if (index.dtype !== "int32")
      throw new DTypeError(`index: index tensors must have dtype int32, got ${index.dtype}`);
    const extent = x.shape[axis]!;
    const values = contiguousData(index.expand(shape)) as Int32Array;
    for (let i = 0; i < positions.length; i++) {
      const value = values[i]!;
      if (value < -extent || value >= extent) {
        throw new RangeError(
          `index: index ${value} is out of range for axis ${axis} of size ${extent}`,
        );
      }
      positions[i]! += (value < 0 ? value + extent : value) * stride;
    }
    stride *= extent;
  }
  return positions;
}

/**
 * x indexed along `entries` (ascending axes) by int32 tensors of broadcastable shapes B. When the
 * indexed axes are adjacent, B replaces them in place; otherwise B comes first (NumPy's rule).
 * Built from permute, reshape and indexSelect, so the gradient scatter-adds back (repeats accumulate).
 */
export function advancedIndex(x: Tensor, entries: readonly AxisIndex[]): Tensor {
  const shape = entries.reduce<number[]>(
    (common, { index }) => broadcastShapes("index", common, index.shape),
    [],
  );
  const axes = entries.map(({ axis }) => axis);
  const adjacent = axes.every((axis, k) => axis === axes[0]! + k);
  const rest = x.shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  const order = adjacent ? x.shape.map((_, axis) => axis) : [...axes, ...rest];
  const start = adjacent ? axes[0]! : 0;
  const moved = x.permute(order);
  const before = moved.shape.slice(0, start);
  const after = moved.shape.slice(start + axes.length);
  const indexed = moved.shape.slice(start, start + axes.length);
  if (sizeOfShape(indexed) === 0 && sizeOfShape(shape) > 0) {
    throw new ShapeError(`index: cannot index the empty axes of ${formatShape(x.shape)}`);
  }
  const merged = moved.reshape([...before, sizeOfShape(indexed), ...after]);
  const positions = new Tensor(linearPositions(x, entries, shape), [sizeOfShape(shape)]);
  return indexSelect(merged, start, positions).reshape([...before, ...shape, ...after]);
}
