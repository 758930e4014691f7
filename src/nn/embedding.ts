// Embedding: a lookup table of vectors addressed by int32 indices (rows selected with indexSelect).
import type { DType } from "../backend/dtype.js";
import { randn } from "../tensor/creation.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface EmbeddingOptions {
  readonly dtype?: DType;
  readonly generator?: Generator;
}

/**
 * weight[indices]: maps int32 indices of any shape to vectors, giving [...indices.shape, dim]; N(0, 1) init.
 * @example const embed = new nn.Embedding(100, 8, { generator: new Generator(0) }); embed.forward(tensor([3, 7], { dtype: "int32" })).shape; // [2, 8]
 */
export class Embedding extends Module {
  readonly weight: Tensor;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: EmbeddingOptions = {},
  ) {
    super();
    checkFeatures("Embedding", numEmbeddings, embeddingDim);
    this.weight = randn([numEmbeddings, embeddingDim], {
      dtype: options.dtype ?? "float32",
      ...(options.generator ? { generator: options.generator } : {}),
    }).requiresGrad_();
  }

  forward(indices: Tensor): Tensor {
    const rows = this.weight.indexSelect(0, indices.reshape([-1]));
    return rows.reshape([...indices.shape, this.embeddingDim]);
  }
}
