// argmax and argmin: int32 positions of the extremes along an axis (not differentiable).
import { noGrad } from "../../autodiff/index.js";
import { arange } from "../../tensor/creation.js";
import { normalizeAxis } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { checkNonEmptyAxes } from "../max.js";
import { where } from "../where.js";

/**
 * The first position along `axis` where x equals its reduction `extreme` (kept dims). A NaN is the
 * extreme of its slice (max and min propagate it), and NaN ≠ NaN, so NaN positions are hits too.
 */
function firstPosition(x: Tensor, axis: number, extreme: Tensor, keepDims: boolean): Tensor {
  const extent = x.shape[axis]!;
  const positionShape = x.shape.map((size, a) => (a === axis ? size : 1));
  const positions = arange(extent, undefined, 1, { dtype: "int32" }).reshape(positionShape);
  const hit = x.eq(extreme).add(x.ne(x));
  return where(hit, positions, extent).min(axis, keepDims);
}

function argExtreme(name: "argmax" | "argmin") {
  return (x: Tensor, axis?: number, keepDims = false): Tensor =>
    noGrad(() => {
      const values = axis === undefined ? x.detach().reshape([-1]) : x.detach();
      const normalized = axis === undefined ? 0 : normalizeAxis(name, axis, x.rank);
      if (values.rank === 0) return values.astype("int32").mul(0);
      checkNonEmptyAxes(name, values.shape, [normalized]);
      const extreme =
        name === "argmax" ? values.max(normalized, true) : values.min(normalized, true);
      return firstPosition(values, normalized, extreme, keepDims && axis !== undefined);
    });
}

/**
 * The position of the largest element along `axis` (of the flattened tensor when omitted), as int32:
 * the first one on ties, the first NaN where there is one (as in PyTorch); a ShapeError on an empty axis.
 * @example argmax(tensor([[1, 5], [7, 2]]), 1).toArray(); // [1, 0]
 */
export const argmax = argExtreme("argmax");

/**
 * The position of the smallest element along `axis` (of the flattened tensor when omitted), as int32:
 * the first one on ties, the first NaN where there is one; a ShapeError on an empty axis.
 * @example argmin(tensor([[1, 5], [7, 2]]), 1).toArray(); // [0, 1]
 */
export const argmin = argExtreme("argmin");
