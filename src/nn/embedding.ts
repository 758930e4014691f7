// Embedding: a lookup table of vectors addressed by int32 indices (rows selected with indexSelect, or
// with a row-sparse gradient when `sparse`).
import type { DType } from "../backend/dtype.js";
import { checkedIndices } from "../ops/indices.js";
import { sparseLookup } from "../ops/sparse/sparse-lookup.js";
import { randn } from "../tensor/creation.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkFeatures } from "./linear.js";
import { Module } from "./module.js";

export interface EmbeddingOptions {
  readonly dtype?: DType;
  readonly generator?: Generator;
  /**
   * Row-sparse gradients (PyTorch's name): a backward gives `weight.sparseGrad` (a RowSparseGrad of
   * the looked-up rows) instead of a dense `weight.grad`, and optim.SGD or optim.SparseAdam update
   * only those rows. Default false.
   */
  readonly sparse?: boolean;
}

/**
 * weight[indices]: maps int32 indices of any shape to vectors, giving [...indices.shape, dim]; N(0, 1) init.
 * With `sparse: true` its gradient is row-sparse (weight.sparseGrad): for large vocabularies.
 * @example const embed = new nn.Embedding(100, 8, { generator: new Generator(0) }); embed.forward(tensor([3, 7], { dtype: "int32" })).shape; // [2, 8]
 */
export class Embedding extends Module {
  readonly weight: Tensor;
  readonly sparse: boolean;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: EmbeddingOptions = {},
  ) {
    super();
    checkFeatures("Embedding", numEmbeddings, embeddingDim);
    this.sparse = options.sparse ?? false;
    this.weight = randn([numEmbeddings, embeddingDim], {
      dtype: options.dtype ?? "float32",
      ...(options.generator ? { generator: options.generator } : {}),
    }).requiresGrad_();
  }

  forward(indices: Tensor): Tensor {
    const flat = indices.reshape([-1]);
    // ids outside the table: one line in the module's words (the lookup would name indexSelect)
    const size = this.numEmbeddings;
    checkedIndices(
      "Embedding",
      flat,
      0,
      size,
      (id, at) =>
        `Embedding: id ${id} (at position ${at}) is outside the table of ${size} embeddings (ids 0 … ${size - 1})`,
    );
    const rows = this.sparse ? sparseLookup(this.weight, flat) : this.weight.indexSelect(0, flat);
    return rows.reshape([...indices.shape, this.embeddingDim]);
  }
}
