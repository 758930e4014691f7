// Embedding: a lookup table of vectors addressed by int32 indices (rows selected with indexSelect, or
// with a row-sparse gradient when `sparse`).
import type { DType } from "../backend/dtype.js";
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
    checkIds(flat, this.numEmbeddings);
    const rows = this.sparse ? sparseLookup(this.weight, flat) : this.weight.indexSelect(0, flat);
    return rows.reshape([...indices.shape, this.embeddingDim]);
  }
}

/** Throws, naming the first offender, unless every id is an integer in [0, numEmbeddings) (as PyTorch). */
function checkIds(flat: Tensor, numEmbeddings: number): void {
  const ids = flat.dataSync();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!(id >= 0 && id < numEmbeddings && Number.isInteger(id))) {
      throw new RangeError(
        `Embedding: id ${id} (at position ${i}) is outside the table of ${numEmbeddings} embeddings (ids 0 … ${numEmbeddings - 1})`,
      );
    }
  }
}
