// PyTorch-like indexing: x.at(i) and x.index(…) built from slice, squeeze and indexSelect.
import { ShapeError } from "../../tensor/errors.js";
import { Tensor } from "../../tensor/tensor.js";
import { indexSelect } from "../index-select.js";
import { slice } from "../slice.js";
import { squeeze } from "../views.js";

/** A range along one axis, Python-style: `{ start: 1, end: -1, step: 2 }` is `1:-1:2`. */
export interface SliceSpec {
  readonly start?: number;
  readonly end?: number;
  readonly step?: number;
}

/**
 * What `index` takes per leading axis: a number picks one position and drops the axis, null keeps the
 * whole axis (`:`), a SliceSpec takes a range, a 1-D int32 tensor selects positions (an embedding lookup).
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
 * NumPy/PyTorch-style indexing over the leading axes, e.g. x[0, :, 1:3] is
 * `index(x, 0, null, { start: 1, end: 3 })`; numbers and ranges give views.
 * @example index(x, null, tensor([2, 0], { dtype: "int32" })) // x[:, [2, 0]]
 */
export function index(x: Tensor, ...specs: readonly IndexSpec[]): Tensor {
  if (specs.length > x.rank) {
    throw new ShapeError(`index: ${specs.length} indices for a tensor of rank ${x.rank}`);
  }
  let result = x;
  let axis = 0;
  for (const spec of specs) {
    if (typeof spec === "number") {
      result = pick(result, axis, spec);
      continue;
    }
    if (spec instanceof Tensor) result = indexSelect(result, axis, spec);
    else if (spec !== null) result = slice(result, axis, spec.start, spec.end, spec.step);
    axis++;
  }
  return result;
}
