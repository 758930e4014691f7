// Language-model batches: a token stream cut into windows of context + 1 tokens, visited in a seeded order.
import { batchCount, batchIndices, checkBatchSize, type BatchOrder } from "../batch-indices.js";
import { defaultGenerator, type Generator } from "../../tensor/random.js";
import { Tensor } from "../../tensor/tensor.js";

export interface LanguageModelLoaderOptions {
  /** Tokens the model sees before predicting: windows hold contextLength + 1 tokens. */
  readonly contextLength: number;
  /** Windows per batch (default 1). */
  readonly batchSize?: number;
  /** A fresh seeded random order of the windows every epoch (default false). */
  readonly shuffle?: boolean;
  /** Skip the last, smaller batch (default false). */
  readonly dropLast?: boolean;
  readonly generator?: Generator;
}

/** One batch: windows [B, T + 1] int32, and their first T (inputs) and last T (targets) tokens. */
export interface LanguageModelBatch {
  readonly windows: Tensor;
  readonly inputs: Tensor;
  readonly targets: Tensor;
}

/**
 * Window w holds tokens w·T … w·T + T (T = contextLength), so consecutive windows overlap by one
 * token and every token after the first is a target exactly once per epoch; the ⌊(n − 1)/T⌋ windows
 * are visited in order or shuffled, a fresh order each `for … of`.
 * @example
 * const loader = new data.LanguageModelLoader(bpe.encode(text), { contextLength: 128, batchSize: 16, shuffle: true, generator });
 * for (const { inputs, targets } of loader) {} // both [16, 128]; targets[b][t] follows inputs[b][t]
 */
export class LanguageModelLoader implements Iterable<LanguageModelBatch> {
  readonly contextLength: number;
  private readonly tokens: Int32Array;
  private readonly order: BatchOrder;

  constructor(tokens: ArrayLike<number>, options: LanguageModelLoaderOptions) {
    const { contextLength } = options;
    if (!Number.isInteger(contextLength) || contextLength < 1) {
      throw new RangeError(
        `LanguageModelLoader: contextLength must be a positive integer, got ${contextLength}`,
      );
    }
    if (tokens.length < contextLength + 1) {
      throw new RangeError(
        `LanguageModelLoader: the stream has ${tokens.length} tokens, fewer than contextLength + 1 = ${contextLength + 1}`,
      );
    }
    this.tokens = Int32Array.from(tokens, (token, position) => {
      if (!Number.isInteger(token) || Math.abs(token) > 2 ** 31 - 1) {
        throw new RangeError(
          `LanguageModelLoader: token ${token} at position ${position} is not an int32 id`,
        );
      }
      return token;
    });
    this.contextLength = contextLength;
    this.order = {
      batchSize: checkBatchSize(options.batchSize ?? 1, "LanguageModelLoader"),
      shuffle: options.shuffle ?? false,
      dropLast: options.dropLast ?? false,
      generator: options.generator ?? defaultGenerator,
    };
  }

  /** The number of windows: ⌊(tokens − 1) / contextLength⌋. */
  get windowCount(): number {
    return Math.floor((this.tokens.length - 1) / this.contextLength);
  }

  /** The number of batches in one epoch. */
  get length(): number {
    return batchCount(this.windowCount, this.order);
  }

  *[Symbol.iterator](): Iterator<LanguageModelBatch> {
    const span = this.contextLength + 1;
    for (const indices of batchIndices(this.windowCount, this.order)) {
      const windows = new Int32Array(indices.length * span);
      const inputs = new Int32Array(indices.length * this.contextLength);
      const targets = new Int32Array(indices.length * this.contextLength);
      indices.forEach((window, row) => {
        const start = window * this.contextLength;
        windows.set(this.tokens.subarray(start, start + span), row * span);
        inputs.set(this.tokens.subarray(start, start + span - 1), row * this.contextLength);
        targets.set(this.tokens.subarray(start + 1, start + span), row * this.contextLength);
      });
      const shape = [indices.length, this.contextLength];
      yield {
        windows: new Tensor(windows, [indices.length, span]),
        inputs: new Tensor(inputs, shape),
        targets: new Tensor(targets, shape),
      };
    }
  }
}
