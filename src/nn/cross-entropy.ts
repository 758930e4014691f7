// Cross-entropy from logits (class labels or probability targets) and the negative log-likelihood,
// with PyTorch's shapes: scores [C], [N, C] or [N, C, d₁, …], classes on axis 1.
import { formatShape, ShapeError } from "../tensor/errors.js";
import { softmaxCrossEntropy } from "../ops/softmax-cross-entropy.js";
import type { Tensor } from "../tensor/tensor.js";
import { areLabels, classRows, labelRows, probabilityRows } from "./class-axis.js";
import { asFloatLike, reduce, type LossOptions } from "./reduction.js";

/** Per-sample losses [S] reshaped to the batch shape for reduction "none" (mean and sum are scalars). */
const shaped = (losses: Tensor, batchShape: readonly number[], options: LossOptions) =>
  (options.reduction ?? "mean") === "none" ? losses.reshape(batchShape) : losses;

/**
 * −log p[label] for log-probabilities [N, C] (or [C], or [N, C, d₁, …]) and class labels of the batch
 * shape [N] ([], [N, d₁, …]); labels are int32, or floats holding integers.
 * @example nn.nllLoss(logits.logSoftmax(1), labels);
 */
export function nllLoss(
  logProbabilities: Tensor,
  labels: Tensor,
  options: LossOptions = {},
): Tensor {
  const rows = classRows("nllLoss", logProbabilities);
  const picked = rows.rows
    .gather(1, labelRows("nllLoss", labels, logProbabilities, rows).reshape([-1, 1]))
    .reshape([-1]);
  return reduce(picked.neg(), options.reduction).reshape(
    (options.reduction ?? "mean") === "none" ? rows.batchShape : [],
  );
}

/**
 * Softmax cross-entropy from logits [N, C] (or [C], or [N, C, d₁, …] with the classes on axis 1, as
 * in PyTorch). Targets are class labels of the batch shape [N] (int32, or floats holding integers:
 * tensor([0, 2]) works) or probabilities of the logits' shape: −log softmax(z)[label] or
 * −Σ_c p_c log softmax(z)_c. "mean" averages over every position of the batch shape. Stable for ±1000.
 * @example nn.crossEntropy(model.forward(X), tensor([0, 2, 1], { dtype: "int32" }));
 */
export function crossEntropy(logits: Tensor, targets: Tensor, options: LossOptions = {}): Tensor {
  const rows = classRows("crossEntropy", logits);
  if (areLabels(targets, logits, rows.batchShape)) {
    const labels = labelRows("crossEntropy", targets, logits, rows);
    const z = rows.rows.dtype === "int32" ? rows.rows.astype("float32") : rows.rows;
    const losses = softmaxCrossEntropy(z, labels, options.reduction ?? "mean");
    return shaped(losses, rows.batchShape, options);
  }
  if (targets.rank !== logits.rank || targets.shape.some((e, a) => e !== logits.shape[a])) {
    throw new ShapeError(
      `crossEntropy: targets shape ${formatShape(targets.shape)} fits neither the logits shape ${formatShape(logits.shape)} (probabilities) nor the batch shape ${formatShape(rows.batchShape)} (class labels)`,
    );
  }
  const logProbabilities = rows.rows.logSoftmax(-1);
  const probabilities = probabilityRows(asFloatLike(targets, logProbabilities), rows.classes);
  const losses = probabilities.mul(logProbabilities).sum(-1).neg();
  return reduce(shaped(losses, rows.batchShape, options), options.reduction);
}
