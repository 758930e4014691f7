// Language-model batches for optim.fit: a token stream cut into windows of context + 1 tokens (as
// data.LanguageModelLoader cuts it), as a DataLoader's dataset so fit can resume mid-epoch.
import { tensor, type Tensor } from "../../node.js";

/** Window w holds tokens w·T … w·T + T; a batch is [inputs [B, T], targets [B, T]], both int32. */
export class WindowDataset {
  readonly length: number;

  constructor(
    readonly tokens: Int32Array,
    readonly context: number,
    /** Called before each batch is built (the training run reseeds its dropout there). */
    private readonly beforeBatch: () => void = () => undefined,
  ) {
    this.length = Math.floor((tokens.length - 1) / context);
  }

  getBatch(indices: Int32Array): [Tensor, Tensor] {
    this.beforeBatch();
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
