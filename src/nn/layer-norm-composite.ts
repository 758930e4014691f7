// A LayerNorm over the last axis written with primitives, used by the transformer blocks until the
// fused nn.LayerNorm lands (then src/nn/transformer-norm.ts re-exports that one instead).
import type { DType } from "../backend/dtype.js";
import { full } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface CompositeLayerNormOptions {
  readonly eps?: number;
  /** Learn a bias (default true); the weight is always learned. */
  readonly bias?: boolean;
  readonly dtype?: DType;
}

/** (x − mean) / √(var + eps) · weight + bias over the last axis (biased variance, as PyTorch). */
export class CompositeLayerNorm extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly eps: number;

  constructor(
    readonly normalizedShape: number,
    options: CompositeLayerNormOptions = {},
  ) {
    super();
    checkFeatures("LayerNorm", normalizedShape);
    const dtype = options.dtype ?? "float32";
    this.eps = options.eps ?? 1e-5;
    this.weight = full([normalizedShape], 1, { dtype, requiresGrad: true });
    this.bias =
      (options.bias ?? true) ? full([normalizedShape], 0, { dtype, requiresGrad: true }) : null;
  }

  forward(x: Tensor): Tensor {
    const centred = x.sub(x.mean(-1, true));
    const normalized = centred.div(centred.square().mean(-1, true).add(this.eps).sqrt());
    const scaled = normalized.mul(this.weight);
    return this.bias === null ? scaled : scaled.add(this.bias);
  }
}
