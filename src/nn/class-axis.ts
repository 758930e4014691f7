// PyTorch's class axis for the classification losses: scores [C], [N, C] or [N, C, d₁, …] (classes on
// axis 1), targets of the batch shape [], [N] or [N, d₁, …] (labels) or of the scores' shape (probabilities).
import { formatShape, ShapeError } from "../tensor/errors.js";
import { sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";

/** Scores as rows [S, C] with the classes last, and the batch shape the per-sample losses take. */
export interface ClassRows {
  readonly rows: Tensor;
  readonly batchShape: readonly number[];
  readonly classes: number;
}

/** The axis order that moves axis 1 (the classes) last: [0, 2, 3, …, 1]. */
const classesLast = (rank: number): number[] => [
  0,
  ...Array.from({ length: rank - 2 }, (_, i) => i + 2),
  1,
];

/** `scores` ([C], [N, C] or [N, C, d…]) as rows [S, C]; a view or one copy for rank ≥ 3. */
export function classRows(loss: string, scores: Tensor): ClassRows {
  if (scores.rank === 0) {
    throw new ShapeError(`${loss}: expected scores of shape [C], [N, C] or [N, C, d1, …], got []`);
  }
  const classes = scores.rank === 1 ? scores.shape[0]! : scores.shape[1]!;
  const batchShape = scores.shape.filter((_, axis) => axis !== (scores.rank === 1 ? 0 : 1));
  const moved = scores.rank >= 3 ? scores.permute(classesLast(scores.rank)) : scores;
  return { rows: moved.reshape([-1, classes]), batchShape, classes };
}

/** Probability targets of the scores' shape as rows [S, C], matching classRows. */
export function probabilityRows(targets: Tensor, classes: number): Tensor {
  const moved = targets.rank >= 3 ? targets.permute(classesLast(targets.rank)) : targets;
  return moved.reshape([-1, classes]);
}

/** Whether `targets` are class labels (int32, or float of the batch shape) rather than probabilities. */
export function areLabels(targets: Tensor, scores: Tensor, batchShape: readonly number[]): boolean {
  if (targets.dtype === "int32") return true;
  return !sameShape(targets.shape, scores.shape) && sameShape(targets.shape, batchShape);
}

/**
 * Class labels of the batch shape as int32 [S], each checked to lie in [0, C). Float labels are
 * accepted when every value is an integer (tensor([0, 1]) is float32 by default); a fraction is an error.
 */
export function labelRows(
  loss: string,
  labels: Tensor,
  scores: Tensor,
  { batchShape, classes }: ClassRows,
): Tensor {
  if (!sameShape(labels.shape, batchShape)) {
    throw new ShapeError(
      `${loss}: labels shape ${formatShape(labels.shape)} does not match scores shape ${formatShape(scores.shape)} (expected ${formatShape(batchShape)}: classes are axis ${scores.rank === 1 ? 0 : 1})`,
    );
  }
  const values = labels.dataSync();
  values.forEach((label, position) => {
    if (!Number.isInteger(label)) {
      throw new TypeError(
        `${loss}: label ${label} at position ${position} is not a class index; labels must be integers (best as int32: tensor(labels, { dtype: "int32" })), probability targets must have the scores' shape ${formatShape(scores.shape)}`,
      );
    }
    if (label < 0 || label >= classes) {
      throw new RangeError(
        `${loss}: label ${label} at position ${position} is out of range for ${classes} classes`,
      );
    }
  });
  return labels.dtype === "int32"
    ? labels.reshape([-1])
    : new Tensor(Int32Array.from(values), [values.length]);
}
