// MNIST digits from the `mnist` package: its per-digit files read in order (no unseeded shuffling).
import { stratifiedSplit, type StratifiedSplitOptions } from "../datasets/stratified-split.js";
import { Tensor } from "../../tensor/tensor.js";
import { packageFolder, readPackageJson } from "./package-files.js";

const PIXELS = 784;

/** Images [n, 784] float32 in [0, 1] (28×28 row-major) and int32 digit labels [n]. */
export interface DigitSamples {
  readonly images: Tensor;
  readonly labels: Tensor;
}

/**
 * All 10,000 digits, sorted by digit (the package's files 0.json … 9.json, in file order).
 * @example const { images, labels } = await loadMnistDigits(); images.shape; // [10000, 784]
 */
export async function loadMnistDigits(): Promise<DigitSamples> {
  const folder = packageFolder("MNIST", "mnist");
  const digits = await Promise.all(
    Array.from({ length: 10 }, (_, digit) => readPackageJson(folder, `src/digits/${digit}.json`)),
  );
  const arrays = digits.map((file) => (file as { data: number[] }).data);
  const count = arrays.reduce((total, pixels) => total + pixels.length / PIXELS, 0);
  const images = new Float32Array(count * PIXELS);
  const labels = new Int32Array(count);
  let row = 0;
  arrays.forEach((pixels, digit) => {
    images.set(pixels, row * PIXELS);
    labels.fill(digit, row, row + pixels.length / PIXELS);
    row += pixels.length / PIXELS;
  });
  return { images: new Tensor(images, [count, PIXELS]), labels: new Tensor(labels, [count]) };
}

/**
 * MNIST split into training and test digits, stratified by digit (default 20% test, seed 0).
 * @example const { train, test } = await loadMnist(); test.images.shape; // [2000, 784]
 */
export async function loadMnist(
  options: StratifiedSplitOptions = {},
): Promise<{ train: DigitSamples; test: DigitSamples }> {
  const { images, labels } = await loadMnistDigits();
  const parts = stratifiedSplit(labels.data, options);
  const pick = (indices: Int32Array): DigitSamples => {
    const index = new Tensor(indices, [indices.length]);
    return { images: images.indexSelect(0, index), labels: labels.indexSelect(0, index) };
  };
  return { train: pick(parts.train), test: pick(parts.test) };
}
