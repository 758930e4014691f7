// BatchNorm1d and BatchNorm2d: batch statistics while training (updating running ones), running
// statistics in eval mode; buffers under PyTorch's state-dict keys so that its weights load unchanged.
import type { DType } from "../backend/dtype.js";
import { batchNorm } from "../ops/normalization/batch-norm.js";
import { ones, zeros } from "../tensor/creation.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  readonly eps?: number;
  /** Weight of each batch in the running statistics (default 0.1); null: their cumulative average. */
  readonly momentum?: number | null;
  /** Learn a per-channel weight (init 1) and bias (init 0) (default true). */
  readonly affine?: boolean;
  /** Keep running statistics for eval mode (default true); false: batch statistics always. */
  readonly trackRunningStats?: boolean;
  readonly dtype?: DType;
  /** Accepted like every module's; the initialisation is deterministic (weight 1, bias 0). */
  readonly generator?: Generator;
}

/** A layer's name and the input ranks it accepts, in words for its error. */
interface InputSpec {
  readonly layer: string;
  readonly ranks: readonly number[];
  readonly words: string;
}

/** What BatchNorm1d and BatchNorm2d share: PyTorch's _BatchNorm. */
abstract class BatchNormLayer extends Module {
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  /** Training batches seen (int32 0-d; PyTorch's int64 num_batches_tracked). */
  readonly numBatchesTracked: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  constructor(
    private readonly input: InputSpec,
    readonly numFeatures: number,
    options: BatchNormOptions,
  ) {
    super();
    checkFeatures(input.layer, numFeatures);
    const dtype = options.dtype ?? "float32";
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    this.affine = options.affine ?? true;
    this.trackRunningStats = options.trackRunningStats ?? true;
    const [track, shape] = [this.trackRunningStats, [numFeatures]];
    this.weight = this.affine ? ones(shape, { dtype, requiresGrad: true }) : null;
    this.bias = this.affine ? zeros(shape, { dtype, requiresGrad: true }) : null;
    this.runningMean = track ? zeros(shape, { dtype }) : null;
    this.runningVar = track ? ones(shape, { dtype }) : null;
    this.numBatchesTracked = track ? zeros([], { dtype: "int32" }) : null;
    this.registerBuffer("runningMean", "running_mean");
    this.registerBuffer("runningVar", "running_var");
    this.registerBuffer("numBatchesTracked", "num_batches_tracked");
  }

  forward(x: Tensor): Tensor {
    const { layer: name, ranks, words } = this.input;
    if (!ranks.includes(x.rank))
      throw new ShapeError(`${name}: expected ${words} input, got shape ${formatShape(x.shape)}`);
    if (x.shape[1] !== this.numFeatures) {
      throw new ShapeError(
        `${name}: input of shape ${formatShape(x.shape)} has ${x.shape[1]} channels but numFeatures is ${this.numFeatures}`,
      );
    }
    // PyTorch counts the batch first; here the count moves only once the batch went through
    const steps = this.training && this.trackRunningStats ? this.numBatchesTracked : null;
    const seen = steps === null ? 0 : steps.data[steps.offset]! + 1;
    const useRunning = !this.training || this.trackRunningStats;
    const output = batchNorm(
      x,
      useRunning ? this.runningMean : null,
      useRunning ? this.runningVar : null,
      {
        weight: this.weight,
        bias: this.bias,
        training: this.training || (this.runningMean === null && this.runningVar === null),
        momentum: this.momentum ?? (steps === null ? 0 : 1 / seen),
        eps: this.eps,
      },
    );
    if (steps !== null) steps.data[steps.offset] = seen;
    return output;
  }
}

/**
 * Batch normalisation of [N, C] or [N, C, L] over N (and L) per channel, as torch.nn.BatchNorm1d.
 * @example const bn = new nn.BatchNorm1d(3); bn.forward(randn([8, 3])); bn.eval().forward(randn([1, 3]));
 */
export class BatchNorm1d extends BatchNormLayer {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    const words = "2-D [N, C] or 3-D [N, C, L]";
    super({ layer: "BatchNorm1d", ranks: [2, 3], words }, numFeatures, options);
  }
}

/**
 * Batch normalisation of [N, C, H, W] over N, H and W per channel, as torch.nn.BatchNorm2d.
 * @example const bn = new nn.BatchNorm2d(16, { momentum: null }); bn.forward(randn([4, 16, 8, 8])).shape;
 */
export class BatchNorm2d extends BatchNormLayer {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super({ layer: "BatchNorm2d", ranks: [4], words: "4-D [N, C, H, W]" }, numFeatures, options);
  }
}
