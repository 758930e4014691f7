// LayerNorm: each sample normalised over its trailing normalizedShape, with a learned elementwise affine.
import type { DType } from "../backend/dtype.js";
import { layerNorm } from "../ops/normalization/layer-norm.js";
import { ones, zeros } from "../tensor/creation.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  readonly eps?: number;
  /** Learn a weight (init 1) and a bias (init 0) of normalizedShape (default true). */
  readonly elementwiseAffine?: boolean;
  /** With elementwiseAffine, also learn the bias (default true). */
  readonly bias?: boolean;
  readonly dtype?: DType;
  /** Accepted like every module's; the initialisation is deterministic (weight 1, bias 0). */
  readonly generator?: Generator;
}

/**
 * Layer normalisation over the last axes (their shape is `normalizedShape`), as torch.nn.LayerNorm.
 * @example const norm = new nn.LayerNorm(64); norm.forward(randn([8, 10, 64])).shape; // [8, 10, 64]
 */
export class LayerNorm extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly normalizedShape: readonly number[];
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly eps: number;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
    checkFeatures("LayerNorm", ...shape);
    this.normalizedShape = shape;
    this.eps = options.eps ?? 1e-5;
    const dtype = options.dtype ?? "float32";
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? ones(shape, { dtype, requiresGrad: true }) : null;
    this.bias =
      affine && (options.bias ?? true) ? zeros(shape, { dtype, requiresGrad: true }) : null;
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, {
      weight: this.weight,
      bias: this.bias,
      eps: this.eps,
    });
  }
}
