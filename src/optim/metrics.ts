// Metrics for fit: functions of a batch's model output and targets, averaged over samples.
import type { Tensor } from "../tensor/tensor.js";

/** A batch statistic in [0, 1] or any unit, averaged over samples by fit. */
export type Metric = (output: Tensor, target: Tensor) => number;

/**
 * The fraction of correct predictions: for logits [S] the sign against 0/1 targets; for scores [S, C]
 * the argmax against int32 labels (or against the argmax of probability targets).
 * @example optim.accuracy(tensor([2, -1]), tensor([1, 1])); // 0.5
 */
export const accuracy: Metric = (output, target) => {
  const scores = output.dataSync();
  const targets = target.dataSync();
  const samples = output.shape[0] ?? 1;
  let correct = 0;
  if (output.rank <= 1) {
    for (let i = 0; i < samples; i++)
      if ((scores[i]! > 0 ? 1 : 0) === (targets[i]! > 0.5 ? 1 : 0)) correct++;
    return correct / samples;
  }
  const classes = output.size / samples;
  const argmax = (values: ArrayLike<number>, row: number): number => {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if (values[row * classes + c]! > values[row * classes + best]!) best = c;
    return best;
  };
  const labelled = target.rank === 1;
  for (let i = 0; i < samples; i++)
    if (argmax(scores, i) === (labelled ? targets[i] : argmax(targets, i))) correct++;
  return correct / samples;
};
