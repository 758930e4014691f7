// PyTorch-like indexing: x.at(i) and x.index(…) built from slice, squeeze and indexSelect.
import { ShapeError } from "../../tensor/errors.js";
import { Tensor } from "../../tensor/tensor.js";
import { slice } from "../slice.js";
import { squeeze } from "../views.js";
import { advancedIndex, type AxisIndex } from "./advanced-index.js";

/** A range along one axis, Python-style: `{ start: 1, end: -1, step: 2 }` is `1:-1:2`. */
export interface SliceSpec {
  readonly start?: number;
  readonly end?: number;
  readonly step?: number;
}

/**
 * What `index` takes per leading axis: a number picks one position and drops the axis, null keeps the
 * whole axis (`:`), a SliceSpec takes a range, an int32 tensor of any shape selects positions (an
 * embedding lookup; negative positions count from the end). Several index tensors broadcast together
 * and select jointly, as in NumPy and PyTorch.
 */
export type IndexSpec = number | null | SliceSpec | Tensor;

/** Position `i` along `axis` (negative counts from the end), with the axis removed. A view. */
function pick(x: Tensor, axis: number, i: number): Tensor {
  const extent = x.shape[axis]!;
  if (!Number.isInteger(i) || i < -extent || i >= extent) {
    throw new RangeError(`index: index ${i} is out of range for axis ${axis} of size ${extent}`);
  }
  const position = i < 0 ? i + extent : i;
  return squeeze(slice(x, axis, position, position + 1), axis);
}

/**
 * x[i]: the sub-tensor at position `i` of the first axis (negative counts from the end), as a view.
 * @example at(tensor([[1, 2], [3, 4]]), -1).toArray(); // [3, 4]
 */
export function at(x: Tensor, i: number): Tensor {
  if (x.rank === 0) throw new ShapeError("at: cannot index a 0-d tensor");
  return pick(x, 0, i);
}

/**
 * PyTorch-style indexing over the leading axes, e.g. x[0, :, 1:3] is `index(x, 0, null, { start: 1,
 * end: 3 })`; numbers and ranges give views. As in PyTorch, numbers pick first; then the index tensors
 * broadcast together and select jointly: x[i, j] with i, j of shape [2] has shape [2, …], and the
 * selected axes stay in place when adjacent, else move to the front (x[i, :, j] is [2, x.shape[1]]).
 * @example index(x, null, tensor([2, 0], { dtype: "int32" })) // x[:, [2, 0]]
 */
export function index(x: Tensor, ...specs: readonly IndexSpec[]): Tensor {
  if (specs.length > x.rank) {
    throw new ShapeError(`index: ${specs.length} indices for a tensor of rank ${x.rank}`);
  }
  let result = x;
  let axis = 0;
  const advanced: AxisIndex[] = [];
  for (const spec of specs) {
    if (typeof spec === "number") {
      result = pick(result, axis, spec);
      continue;
    }
    if (spec instanceof Tensor) advanced.push({ axis, index: spec });
    else if (spec !== null) result = slice(result, axis, spec.start, spec.end, spec.step);
    axis++;
  }
  return advanced.length === 0 ? result : advancedIndex(result, advanced);
}
