// Linear (affine) layer: y = x·Wᵀ + b with W of shape [out, in], as in PyTorch and safetensors files.
import type { DType } from "../backend/dtype.js";
import { linear } from "../ops/linear.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { uniformParameter } from "./init.js";
import { Module } from "./module.js";

export interface LinearOptions {
  /** Add a bias vector (default true). */
  readonly bias?: boolean;
  readonly dtype?: DType;
  readonly generator?: Generator;
}

/**
 * An affine map from `inFeatures` to `outFeatures`, initialised U(−1/√in, 1/√in) like PyTorch.
 * @example const layer = new nn.Linear(3, 2, { generator: new Generator(0) }); layer.forward(randn([5, 3])).shape; // [5, 2]
 */
export class Linear extends Module {
  /** Its forward keeps no tensor: nn.Sequential may reuse the activations around it. */
  static readonly keepsNoTensors = true;

  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    checkFeatures("Linear", inFeatures, outFeatures);
    const bound = 1 / Math.sqrt(inFeatures);
    const init = {
      dtype: options.dtype ?? "float32",
      ...(options.generator ? { generator: options.generator } : {}),
    } as const;
    this.weight = uniformParameter([outFeatures, inFeatures], bound, init);
    this.bias = (options.bias ?? true) ? uniformParameter([outFeatures], bound, init) : null;
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}

/** Throws unless every count is a positive integer. */
export function checkFeatures(layer: string, ...counts: number[]): void {
  for (const count of counts) {
    if (!Number.isInteger(count) || count <= 0) {
      throw new RangeError(`${layer}: feature counts must be positive integers, got ${count}`);
    }
  }
}
