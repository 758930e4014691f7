// Linear (affine) layer: y = x·Wᵀ + b with W of shape [out, in], as in PyTorch and safetensors files.
import type { DType } from "../backend/dtype.js";
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
    // NOTE: leading axes are flattened first (as PyTorch's linear does), so ∂W is one product over
    // all rows rather than one per batch entry summed afterwards.
    const rows = x.rank > 2 ? x.reshape([-1, this.inFeatures]) : x;
    const product = rows.matmul(this.weight.transpose());
    const affine = this.bias === null ? product : product.add(this.bias);
    return x.rank > 2 ? affine.reshape([...x.shape.slice(0, -1), this.outFeatures]) : affine;
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
