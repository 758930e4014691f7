// The loss plot of `gradus lm train`: training loss per batch (means over 1/20 of an epoch) and
// validation loss before training and after every epoch, against epochs.
import type { LinePlotOptions } from "../../node.js";

const BUCKETS_PER_EPOCH = 20;

/** Means of consecutive (x, loss) points, BUCKETS_PER_EPOCH per epoch (a resumed run plots its own batches). */
function bucketMeans(points: readonly [number, number][]): [number, number][] {
  const buckets = new Map<number, { x: number; sum: number; count: number }>();
  for (const [x, loss] of points) {
    const key = Math.ceil(x * BUCKETS_PER_EPOCH);
    const bucket = buckets.get(key) ?? { x, sum: 0, count: 0 };
    bucket.x = x;
    bucket.sum += loss;
    bucket.count++;
    buckets.set(key, bucket);
  }
  return [...buckets.values()].map(({ x, sum, count }) => [x, sum / count]);
}

/**
 * The plot's options: batch losses as (epoch fraction, loss), the validation losses per epoch.
 * @example await writePlot("loss.svg", lossPlot("transformer", batchLosses, 8.29, { validationLoss: [5.1] }));
 */
export function lossPlot(
  model: string,
  batchLosses: readonly [number, number][],
  initialValidationLoss: number,
  history: { readonly validationLoss: readonly number[] },
): LinePlotOptions {
  const validation: [number, number][] = [
    [0, initialValidationLoss],
    ...history.validationLoss.map((loss, i): [number, number] => [i + 1, loss]),
  ];
  return {
    title: `language model (${model}): cross-entropy per token`,
    x: { title: "epoch" },
    y: { title: "loss (nats)" },
    series: [
      { name: "training loss", points: bucketMeans(batchLosses) },
      { name: "validation loss", points: validation },
    ],
  };
}
