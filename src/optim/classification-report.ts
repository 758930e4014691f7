// The classification report of a trained classifier: accuracy, and precision, recall and F1 (of the
// positive class for two classes, macro-averaged for more), from predicted and true class indices.

/** Scores of a classifier on labelled data (binary: of the positive class; multiclass: macro averages). */
export interface ClassificationReport {
  readonly samples: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Accuracy, and precision/recall/F1 of class 1 for two classes or macro-averaged for more.
 * @example optim.classificationReport(Int32Array.of(1, 0, 1), Int32Array.of(1, 1, 1), 2).recall; // 2/3
 */
export function classificationReport(
  predicted: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): ClassificationReport {
  const samples = labels.length;
  let correct = 0;
  for (let i = 0; i < samples; i++) if (predicted[i] === labels[i]) correct++;
  const scored = classes === 2 ? [1] : Array.from({ length: classes }, (_, c) => c);
  const per = scored.map((c) => {
    let truePositive = 0;
    let predictedPositive = 0;
    let actualPositive = 0;
    for (let i = 0; i < samples; i++) {
      if (predicted[i] === c) predictedPositive++;
      if (labels[i] === c) actualPositive++;
      if (predicted[i] === c && labels[i] === c) truePositive++;
    }
    const precision = predictedPositive === 0 ? 0 : truePositive / predictedPositive;
    const recall = actualPositive === 0 ? 0 : truePositive / actualPositive;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1 };
  });
  const mean = (key: "precision" | "recall" | "f1") =>
    per.reduce((total, scores) => total + scores[key], 0) / per.length;
  return {
    samples,
    accuracy: samples === 0 ? 0 : correct / samples,
    precision: mean("precision"),
    recall: mean("recall"),
    f1: mean("f1"),
  };
}

/**
 * One line: "accuracy 0.9812  precision 0.9700  recall 0.9650  F1 0.9675  (n = 1209)".
 * @example console.log(optim.formatReport(report));
 */
export function formatReport(report: ClassificationReport): string {
  const f = (value: number) => value.toFixed(4);
  return `accuracy ${f(report.accuracy)}  precision ${f(report.precision)}  recall ${f(report.recall)}  F1 ${f(report.f1)}  (n = ${report.samples})`;
}
