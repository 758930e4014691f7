// stack: tensors of one shape joined along a new axis (unsqueeze each, then concat).
import { formatShape, ShapeError } from "../../tensor/errors.js";
import { normalizeAxis } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { concat } from "../concat.js";
import { unsqueeze } from "../views.js";

/**
 * Joins tensors of the same shape along a new `axis` (default 0).
 * @example stack([zeros([3]), ones([3])], 1).shape; // [3, 2]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new ShapeError("stack: expected at least one tensor");
  const mismatch = tensors.find(
    (x) => x.rank !== first.rank || x.shape.some((e, a) => e !== first.shape[a]),
  );
  if (mismatch !== undefined) {
    throw new ShapeError(
      `stack: shapes ${formatShape(first.shape)} and ${formatShape(mismatch.shape)} differ`,
    );
  }
  const position = normalizeAxis("stack", axis, first.rank + 1);
  return concat(
    tensors.map((x) => unsqueeze(x, position)),
    position,
  );
}
