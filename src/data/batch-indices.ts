// One epoch's batches of sample indices: in order or in a seeded random order, the last batch kept or dropped.
import type { Generator } from "../tensor/random.js";
import { permutation } from "./sampling.js";

/** How an epoch visits n samples. */
export interface BatchOrder {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly generator: Generator;
}

/** Checks a batch size: a positive integer, named in the error with the operation. */
export function checkBatchSize(batchSize: number, operation: string): number {
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new RangeError(`${operation}: batchSize must be a positive integer, got ${batchSize}`);
  }
  return batchSize;
}

/** The number of batches an epoch of n samples has. */
export function batchCount(n: number, { batchSize, dropLast }: BatchOrder): number {
  return dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/** The index batches of one epoch (a fresh permutation from the generator when shuffling). */
export function batchIndices(n: number, order: BatchOrder): Int32Array[] {
  const visit = order.shuffle
    ? permutation(n, order.generator)
    : Int32Array.from({ length: n }, (_, i) => i);
  const batches: Int32Array[] = [];
  for (let b = 0; b < batchCount(n, order); b++) {
    batches.push(visit.subarray(b * order.batchSize, Math.min(n, (b + 1) * order.batchSize)));
  }
  return batches;
}
