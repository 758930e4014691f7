// Checking index tensors (int32, in range) before they reach the index kernels.
import { DTypeError } from "../tensor/errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { contiguousData } from "./kernels.js";

/**
 * The elements of an index tensor row-major, after checking its dtype and that every index lies in
 * [0, axisSize); errors name the op, the offending value and the axis size (or say what `outOfRange`
 * says of the value at its row-major position).
 */
export function checkedIndices(
  op: string,
  index: Tensor,
  axis: number,
  axisSize: number,
  outOfRange?: (value: number, position: number) => string,
): Int32Array {
  if (index.dtype !== "int32") {
    throw new DTypeError(`${op}: index must have dtype int32, got ${index.dtype}`);
  }
  const values = contiguousData(index) as Int32Array;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value < 0 || value >= axisSize) {
      throw new RangeError(
        outOfRange?.(value, i) ??
          `${op}: index ${value} is out of range for axis ${axis} of size ${axisSize}`,
      );
    }
  }
  return values;
}
