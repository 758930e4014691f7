// Cross-entropy from logits (int32 class labels or probability targets) and the negative log-likelihood.
import { formatShape, ShapeError } from "../tensor/errors.js";
import { softmaxCrossEntropy } from "../ops/softmax-cross-entropy.js";
import type { Tensor } from "../tensor/tensor.js";
import { asFloatLike, checkSameShape, reduce, type LossOptions } from "./reduction.js";

/** Checks that `labels` are int32 of shape [S] with every value in [0, C) for scores of shape [S, C]. */
function checkLabels(loss: string, scores: Tensor, labels: Tensor): void {
  if (scores.rank !== 2) {
    throw new ShapeError(
      `${loss}: expected scores of shape [samples, classes], got ${formatShape(scores.shape)}`,
    );
  }
  const [samples, classes] = scores.shape as [number, number];
  if (labels.rank !== 1 || labels.shape[0] !== samples) {
    throw new ShapeError(
      `${loss}: labels shape ${formatShape(labels.shape)} does not match scores shape ${formatShape(scores.shape)} (expected [${samples}])`,
    );
  }
  labels.dataSync().forEach((label, position) => {
    if (!(label >= 0 && label < classes)) {
      throw new RangeError(
        `${loss}: label ${label} at position ${position} is out of range for ${classes} classes`,
      );
    }
  });
}

/**
 * −log p[label] for log-probabilities of shape [S, C] and int32 labels of shape [S].
 * @example nn.nllLoss(logits.logSoftmax(), labels);
 */
export function nllLoss(
  logProbabilities: Tensor,
  labels: Tensor,
  options: LossOptions = {},
): Tensor {
  if (labels.dtype !== "int32")
    throw new TypeError(`nllLoss: labels must be int32, got ${labels.dtype}`);
  checkLabels("nllLoss", logProbabilities, labels);
  const picked = logProbabilities.gather(1, labels.reshape([-1, 1])).reshape([-1]);
  return reduce(picked.neg(), options.reduction);
}

/**
 * Softmax cross-entropy from logits [S, C]: with int32 labels [S], −log softmax(z)[label]; with
 * probability targets [S, C], −Σ_c p_c log softmax(z)_c. Stable for logits of ±1000.
 * @example nn.crossEntropy(model.forward(X), tensor([0, 2, 1], { dtype: "int32" }));
 */
export function crossEntropy(logits: Tensor, targets: Tensor, options: LossOptions = {}): Tensor {
  if (targets.dtype === "int32") {
    checkLabels("crossEntropy", logits, targets);
    const z = logits.dtype === "int32" ? logits.astype("float32") : logits;
    return softmaxCrossEntropy(z, targets, options.reduction ?? "mean");
  }
  const logProbabilities = logits.logSoftmax(-1);
  checkSameShape("crossEntropy", ["logits", "probability targets"], logits, targets);
  const losses = asFloatLike(targets, logProbabilities).mul(logProbabilities).sum(-1).neg();
  return reduce(losses, options.reduction);
}
