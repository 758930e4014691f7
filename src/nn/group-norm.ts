// GroupNorm: the channels of each sample in groups, each group normalised, then a per-channel affine.
import type { DType } from "../backend/dtype.js";
import { groupNorm } from "../ops/normalization/group-norm.js";
import { ones, zeros } from "../tensor/creation.js";
import { formatShape, ShapeError } from "../tensor/errors.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface GroupNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  readonly eps?: number;
  /** Learn a per-channel weight (init 1) and bias (init 0) (default true). */
  readonly affine?: boolean;
  readonly dtype?: DType;
  /** Accepted like every module's; the initialisation is deterministic (weight 1, bias 0). */
  readonly generator?: Generator;
}

/**
 * Group normalisation of [N, C, *] with C = numChannels split into numGroups groups, as
 * torch.nn.GroupNorm; independent of the batch size (the same in train and eval mode).
 * @example const norm = new nn.GroupNorm(4, 32); norm.forward(randn([2, 32, 8, 8])).shape;
 */
export class GroupNorm extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly eps: number;

  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    options: GroupNormOptions = {},
  ) {
    super();
    checkFeatures("GroupNorm", numGroups, numChannels);
    if (numChannels % numGroups !== 0) {
      throw new RangeError(
        `GroupNorm: numChannels ${numChannels} is not divisible by numGroups ${numGroups}`,
      );
    }
    this.eps = options.eps ?? 1e-5;
    const dtype = options.dtype ?? "float32";
    const affine = options.affine ?? true;
    this.weight = affine ? ones([numChannels], { dtype, requiresGrad: true }) : null;
    this.bias = affine ? zeros([numChannels], { dtype, requiresGrad: true }) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.rank < 2 || x.shape[1] !== this.numChannels) {
      throw new ShapeError(
        `GroupNorm: expected input [N, ${this.numChannels}, *] (numChannels ${this.numChannels}), got shape ${formatShape(x.shape)}`,
      );
    }
    const { weight, bias, eps } = this;
    return groupNorm(x, this.numGroups, { weight, bias, eps });
  }
}
