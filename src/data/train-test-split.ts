// Splitting aligned tensors (features, labels, …) into a training and a test part, seeded.
import { formatShape, ShapeError } from "../tensor/errors.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import { Tensor } from "../tensor/tensor.js";
import { permutation } from "./sampling.js";

export interface SplitOptions {
  /** The fraction of samples in the test part, in (0, 1) (default 0.25). */
  readonly testFraction?: number;
  /** Shuffle before splitting (default true). */
  readonly shuffle?: boolean;
  readonly generator?: Generator;
}

/**
 * Splits every tensor along axis 0 with the same random order.
 * @example const { train: [XTrain, yTrain], test: [XTest, yTest] } = data.trainTestSplit([X, y], { testFraction: 0.2, generator: new Generator(0) });
 */
export function trainTestSplit(
  tensors: readonly Tensor[],
  options: SplitOptions = {},
): { train: Tensor[]; test: Tensor[] } {
  const { testFraction = 0.25, shuffle = true, generator = defaultGenerator } = options;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`trainTestSplit: testFraction must be in (0, 1), got ${testFraction}`);
  }
  const n = tensors[0]?.shape[0] ?? 0;
  tensors.forEach((field, index) => {
    if (field.shape[0] !== n) {
      throw new ShapeError(
        `trainTestSplit: tensor ${index} has shape ${formatShape(field.shape)}, expected ${n} samples along axis 0`,
      );
    }
  });
  const testCount = Math.round(n * testFraction);
  if (testCount === 0 || testCount === n) {
    throw new RangeError(
      `trainTestSplit: ${n} samples with testFraction ${testFraction} leave an empty part`,
    );
  }
  const order = shuffle ? permutation(n, generator) : Int32Array.from({ length: n }, (_, i) => i);
  const pick = (indices: Int32Array): Tensor[] => {
    const index = new Tensor(indices, [indices.length]);
    return tensors.map((field) => field.detach().indexSelect(0, index));
  };
  return { train: pick(order.slice(testCount)), test: pick(order.slice(0, testCount)) };
}
