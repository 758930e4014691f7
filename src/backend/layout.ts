// Layout facts about strided views that every layer may ask (ops decide when a copy is needed).
import type { StridedArray } from "./backend.js";

/** True when the view's elements are `data[offset … offset + size)` in row-major order. */
export function isContiguous(view: StridedArray): boolean {
  let expected = 1;
  for (let axis = view.shape.length - 1; axis >= 0; axis--) {
    const extent = view.shape[axis]!;
    if (extent !== 1 && view.strides[axis] !== expected) return false;
    expected *= extent;
  }
  return true;
}
