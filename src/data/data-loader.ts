// DataLoader: iterates a Dataset in batches, seeded and reproducible; the batch size picks the lecture's method.
import { defaultGenerator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Dataset } from "./dataset.js";
import { drawWithReplacement, permutation } from "./sampling.js";

export interface DataLoaderOptions {
  /** Samples per batch, or "full" for the whole dataset (full-batch gradient descent). Default 1. */
  readonly batchSize?: number | "full";
  /** Visit the samples in a fresh random order every epoch (default false). */
  readonly shuffle?: boolean;
  /** Skip the last, smaller batch (default false). */
  readonly dropLast?: boolean;
  /** Draw every batch's indices uniformly with replacement (standard SGD's random X_{i_k}). */
  readonly replacement?: boolean;
  readonly generator?: Generator;
}

/**
 * Batches of a dataset as arrays of tensors ([X_B, y_B] for a TensorDataset(X, y)); each `for … of`
 * is one epoch of ⌈N/B⌉ batches (⌊N/B⌋ with dropLast).
 * @example for (const [x, y] of new data.DataLoader(dataset, { batchSize: 32, shuffle: true, generator: new Generator(0) })) {}
 */
export class DataLoader<Batch extends readonly unknown[] = Tensor[]> implements Iterable<Batch> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly replacement: boolean;
  /** The generator behind shuffling and sampling: its state at an epoch's start fixes that epoch. */
  readonly generator: Generator;

  constructor(
    readonly dataset: Dataset<Batch>,
    options: DataLoaderOptions = {},
  ) {
    const size = options.batchSize ?? 1;
    if (size !== "full" && (!Number.isInteger(size) || size <= 0)) {
      throw new RangeError(
        `DataLoader: batchSize must be a positive integer or "full", got ${size}`,
      );
    }
    if (dataset.length === 0) throw new RangeError("DataLoader: the dataset is empty");
    this.batchSize = size === "full" ? dataset.length : Math.min(size, dataset.length);
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.replacement = options.replacement ?? false;
    this.generator = options.generator ?? defaultGenerator;
  }

  /** The number of batches in one epoch. */
  get length(): number {
    const whole = this.dataset.length / this.batchSize;
    return this.dropLast ? Math.floor(whole) : Math.ceil(whole);
  }

  /** The index lists of one epoch (consumes randomness from the generator). */
  epochIndices(): Int32Array[] {
    const n = this.dataset.length;
    const batches: Int32Array[] = [];
    if (this.replacement) {
      for (let b = 0; b < this.length; b++) {
        const count = Math.min(
          this.batchSize,
          this.dropLast ? this.batchSize : n - b * this.batchSize,
        );
        batches.push(drawWithReplacement(n, count, this.generator));
      }
      return batches;
    }
    const order = this.shuffle
      ? permutation(n, this.generator)
      : Int32Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += this.batchSize) {
      const end = Math.min(start + this.batchSize, n);
      if (this.dropLast && end - start < this.batchSize) break;
      batches.push(order.subarray(start, end));
    }
    return batches;
  }

  *[Symbol.iterator](): Iterator<Batch> {
    for (const indices of this.epochIndices()) yield this.dataset.getBatch(indices);
  }
}
