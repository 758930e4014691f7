// Index sampling with a Generator: permutations (Fisher–Yates) and draws with replacement.
import type { Generator } from "../tensor/random.js";

/** A uniformly random permutation of 0 … n − 1. */
export function permutation(n: number, generator: Generator): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = generator.integer(i + 1);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}

/** `count` indices drawn uniformly from 0 … n − 1 with replacement (the lecture's i_k). */
export function drawWithReplacement(n: number, count: number, generator: Generator): Int32Array {
  const draws = new Int32Array(count);
  for (let i = 0; i < count; i++) draws[i] = generator.integer(n);
  return draws;
}
