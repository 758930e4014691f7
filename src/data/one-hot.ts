// One-hot encoding of integer class labels.
import type { DType } from "../backend/dtype.js";
import { zeros } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * A [...labels.shape, numClasses] tensor with 1 at each label's class and 0 elsewhere.
 * @example data.oneHot(tensor([0, 2], { dtype: "int32" }), 3).toArray(); // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(
  labels: Tensor,
  numClasses: number,
  options: { dtype?: DType } = {},
): Tensor {
  if (!Number.isInteger(numClasses) || numClasses <= 0) {
    throw new RangeError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  }
  const values = labels.dataSync();
  const result = zeros([...labels.shape, numClasses], { dtype: options.dtype ?? "float32" });
  values.forEach((label, position) => {
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new RangeError(
        `oneHot: label ${label} at position ${position} is out of range for ${numClasses} classes`,
      );
    }
    result.data[position * numClasses + label] = 1;
  });
  return result;
}
