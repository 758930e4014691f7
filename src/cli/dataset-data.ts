// `--dataset mnist`: the mnist package's 10,000 digits split 80/20 by digit (seeded), optionally a
// random part of each split (`--limit`), as the rows and labels `gradus train` takes.
import { Generator, data, tensor } from "../node.js";
import type { FeatureSpec } from "./features.js";
import { IMAGE_FEATURES } from "./model-config.js";
import type { PreparedData } from "./prepared-data.js";

export const DATASETS = ["mnist"] as const;
export type DatasetName = (typeof DATASETS)[number];

/** `--dataset`: one of the built-in datasets. */
export function parseDataset(text: string): DatasetName {
  if (!(DATASETS as readonly string[]).includes(text))
    throw new Error(`--dataset expects one of ${DATASETS.join(", ")}, got "${text}"`);
  return text as DatasetName;
}

/**
 * How a saved MNIST model reads CSV/JSONL records in `gradus eval` and `predict`: columns pixel0 …
 * pixel783 holding 0–255 (the layout of the usual MNIST CSV files), scaled to the training's [0, 1].
 */
const PIXEL_SPEC: FeatureSpec = {
  kind: "numeric",
  columns: Array.from({ length: IMAGE_FEATURES }, (_, i) => `pixel${i}`),
  mean: new Array<number>(IMAGE_FEATURES).fill(0),
  std: new Array<number>(IMAGE_FEATURES).fill(255),
};

/**
 * MNIST split with `seed` (stratified: `testFraction` of each digit held out); with `limit`, a seeded
 * random `limit` training digits and ⌈limit/4⌉ test digits.
 * @example const prepared = await prepareDataset("mnist", { testFraction: 0.2, seed: 0, limit: 300 });
 */
export async function prepareDataset(
  name: DatasetName,
  options: { testFraction: number; seed: number; limit: number | null },
): Promise<PreparedData> {
  if (!(options.testFraction > 0 && options.testFraction < 1))
    throw new Error(
      `--test-fraction must be in (0, 1) for --dataset ${name}, got ${options.testFraction}`,
    );
  const { train, test } = await data.loadMnist({
    testFraction: options.testFraction,
    seed: options.seed,
  });
  const generator = new Generator(options.seed ^ 0x1317);
  const part = (split: typeof train, count: number | null) => {
    const size = split.labels.shape[0]!;
    if (count === null || count >= size)
      return { rows: split.images, labels: split.labels.dataSync() as Int32Array };
    const chosen = data.permutation(size, generator).slice(0, count).sort();
    const index = tensor(chosen, { dtype: "int32" });
    return {
      rows: split.images.indexSelect(0, index),
      labels: split.labels.indexSelect(0, index).dataSync() as Int32Array,
    };
  };
  const limit = options.limit;
  return {
    classes: Array.from({ length: 10 }, (_, digit) => String(digit)),
    spec: PIXEL_SPEC,
    train: part(train, limit),
    test: part(test, limit === null ? null : Math.ceil(limit / 4)),
  };
}
