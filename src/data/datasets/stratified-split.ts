// Seeded stratified train/test split of sample indices: each class keeps its share in both parts.
import { Generator } from "../../tensor/random.js";
import { permutation } from "../sampling.js";

export interface StratifiedSplitOptions {
  /** The fraction of each class in the test part, in (0, 1) (default 0.2). */
  readonly testFraction?: number;
  /** Seed of the shuffle (default 0). */
  readonly seed?: number;
}

/**
 * Indices of the training and test samples, each ascending: per class, round(testFraction · count)
 * samples chosen at random (seeded) go to the test part.
 * @example stratifiedSplit([0, 0, 1, 1], { testFraction: 0.5, seed: 1 }).test.length; // 2
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  options: StratifiedSplitOptions = {},
): { train: Int32Array; test: Int32Array } {
  const { testFraction = 0.2, seed = 0 } = options;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`stratifiedSplit: testFraction must be in (0, 1), got ${testFraction}`);
  }
  const generator = new Generator(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const members = byClass.get(labels[i]!) ?? [];
    members.push(i);
    byClass.set(labels[i]!, members);
  }
  const isTest = new Uint8Array(labels.length);
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    const order = permutation(members.length, generator);
    const count = Math.round(members.length * testFraction);
    for (let k = 0; k < count; k++) isTest[members[order[k]!]!] = 1;
  }
  const pick = (flag: number): Int32Array =>
    Int32Array.from(isTest.keys()).filter((i) => isTest[i] === flag);
  return { train: pick(0), test: pick(1) };
}
