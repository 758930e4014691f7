// Metrics for fit: functions of a batch's model output and targets, averaged over samples; and the one
// rule that turns scores into predicted classes (used by accuracy and the classification report).
import { argmax } from "../ops/composite/argmax.js";
import type { Tensor } from "../tensor/tensor.js";

/** A batch statistic in [0, 1] or any unit, averaged over samples by fit. */
export type Metric = (output: Tensor, target: Tensor) => number;

/**
 * The predicted class of each sample as int32: for one logit per sample ([S]) 1 where it is > 0, else
 * the argmax over the class axis 1 of scores [S, C] or [S, C, d…] as in nn.crossEntropy (the first on
 * ties, as argmax does).
 * @example optim.predictedClasses(tensor([[0, 5], [3, 1]])).toArray(); // [1, 0]
 */
export function predictedClasses(scores: Tensor): Tensor {
  return scores.rank <= 1 ? scores.gt(0) : argmax(scores, 1);
}

/**
 * The fraction of correct predictions: for logits [S] the sign against 0/1 targets; for scores [S, C]
 * the argmax against int32 labels (or against the argmax of probability targets).
 * @example optim.accuracy(tensor([2, -1]), tensor([1, 1])); // 0.5
 */
export const accuracy: Metric = (output, target) => {
  const predicted = predictedClasses(output).dataSync();
  const expected =
    output.rank <= 1
      ? target.gt(0.5).dataSync()
      : target.rank === output.rank
        ? argmax(target, 1).dataSync()
        : target.dataSync();
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === expected[i]) correct++;
  return predicted.length === 0 ? 0 : correct / predicted.length;
};
