// Standardisation: per-feature mean and standard deviation fitted on training data, applied to any data.
import { formatShape, ShapeError } from "../tensor/errors.js";
import { Tensor } from "../tensor/tensor.js";
import { allocate } from "../backend/dtype.js";

/** Fitted statistics and the transform x ↦ (x − mean) / std. */
export interface Standardizer {
  /** Per-feature means of the training data, shape [d]. */
  readonly mean: Float64Array;
  /** Per-feature standard deviations (population; 1 where a feature is constant), shape [d]. */
  readonly std: Float64Array;
  /** The training data, standardised. */
  readonly train: Tensor;
  /** Applies the training statistics to other data of shape [S, d] (e.g. the test set). */
  apply(x: Tensor): Tensor;
}

/**
 * Fits per-column statistics on `train` ([S, d]) and returns them with the transformed training data.
 * @example const scaler = data.standardize(XTrain); const XTestScaled = scaler.apply(XTest);
 */
export function standardize(train: Tensor): Standardizer {
  if (train.rank !== 2 || train.shape[0] === 0) {
    throw new ShapeError(
      `standardize: expected a non-empty [samples, features] tensor, got ${formatShape(train.shape)}`,
    );
  }
  const [rows, columns] = train.shape as [number, number];
  const values = train.dataSync();
  const mean = new Float64Array(columns);
  const std = new Float64Array(columns);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) mean[c]! += values[r * columns + c]! / rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) std[c]! += (values[r * columns + c]! - mean[c]!) ** 2 / rows;
  }
  for (let c = 0; c < columns; c++) std[c] = Math.sqrt(std[c]!) || 1;
  const apply = (x: Tensor): Tensor => {
    if (x.rank !== 2 || x.shape[1] !== columns) {
      throw new ShapeError(
        `standardize.apply: expected [samples, ${columns}], got ${formatShape(x.shape)}`,
      );
    }
    const source = x.dataSync();
    const out = allocate(x.dtype === "int32" ? "float32" : x.dtype, source.length);
    for (let i = 0; i < source.length; i++)
      out[i] = (source[i]! - mean[i % columns]!) / std[i % columns]!;
    return new Tensor(out, x.shape);
  };
  return { mean, std, train: apply(train), apply };
}
