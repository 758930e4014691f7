// Language-model batches for optim.fit: a token stream cut into windows of context + 1 tokens (as
// data.LanguageModelLoader cuts it) behind a DataLoader, so fit can resume in the middle of an epoch;
// and a loader whose epochs end after a given number of steps in all (--steps).
import { data, tensor, type Generator, type Tensor } from "../../node.js";

/** Window w holds tokens w·T … w·T + T; a batch is [inputs [B, T], targets [B, T]], both int32. */
export class WindowDataset implements data.Dataset<[Tensor, Tensor]> {
  readonly length: number;

  constructor(
    readonly tokens: Int32Array,
    readonly context: number,
  ) {
    this.length = Math.floor((tokens.length - 1) / context);
  }

  getBatch(indices: Int32Array): [Tensor, Tensor] {
    const { context: T, tokens } = this;
    const inputs = new Int32Array(indices.length * T);
    const targets = new Int32Array(indices.length * T);
    indices.forEach((window, row) => {
      inputs.set(tokens.subarray(window * T, window * T + T), row * T);
      targets.set(tokens.subarray(window * T + 1, window * T + T + 1), row * T);
    });
    const shape = [indices.length, T];
    return [
      tensor(inputs, { dtype: "int32" }).reshape(shape),
      tensor(targets, { dtype: "int32" }).reshape(shape),
    ];
  }
}

/** The batches fit draws each epoch: every window once (shuffled) until `steps` batches in all. */
export class StepLimitedLoader implements Iterable<[Tensor, Tensor]> {
  readonly loader: data.DataLoader<[Tensor, Tensor]>;
  /** The epoch the next epochIndices() call draws (0-based; set to the completed epochs on resume). */
  nextEpoch = 0;

  constructor(
    dataset: WindowDataset,
    options: { batchSize: number; generator: Generator },
    /** Steps in all (null: whole epochs). */
    readonly steps: number | null,
  ) {
    this.loader = new data.DataLoader(dataset, { ...options, shuffle: true });
  }

  get dataset(): WindowDataset {
    return this.loader.dataset as WindowDataset;
  }

  get generator(): Generator {
    return this.loader.generator;
  }

  /** Batches per full epoch. */
  get length(): number {
    return this.loader.length;
  }

  /** The epochs `steps` span (or null). */
  get epochs(): number | null {
    return this.steps === null ? null : Math.ceil(this.steps / this.length);
  }

  /** One epoch's index lists: the DataLoader's, the last epoch cut to the steps left. */
  epochIndices(): Int32Array[] {
    const lists = this.loader.epochIndices();
    const done = this.nextEpoch++ * this.length;
    return this.steps === null ? lists : lists.slice(0, Math.max(0, this.steps - done));
  }

  *[Symbol.iterator](): Iterator<[Tensor, Tensor]> {
    for (const indices of this.epochIndices()) yield this.dataset.getBatch(indices);
  }
}
