// A small decoder-only (GPT-style) language model: token and position embeddings, causal pre-norm
// blocks, a final LayerNorm and an output layer tied to the token embedding.
import type { DType } from "../backend/dtype.js";
import { DTypeError, formatShape, ShapeError } from "../tensor/errors.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { Dropout } from "./dropout.js";
import { Embedding } from "./embedding.js";
import { keepsNothing, markGraphOnlyInternals } from "./graph-only-activations.js";
import { checkFeatures, Linear } from "./linear.js";
import { Module } from "./module.js";
import { LearnedPositionalEmbedding, SinusoidalPositionalEncoding } from "./positional-encoding.js";
import {
  TransformerDecoderOnlyBlock,
  type TransformerActivation,
} from "./transformer-encoder-layer.js";
import { LayerNorm } from "./layer-norm.js";

export interface TransformerLanguageModelOptions {
  readonly dModel?: number;
  readonly nhead?: number;
  readonly numLayers?: number;
  /** The longest sequence (default 128): the position table's size. */
  readonly contextLength?: number;
  /** Feed-forward width (default 4·dModel, as GPT). */
  readonly dimFeedforward?: number;
  readonly dropout?: number;
  readonly activation?: TransformerActivation;
  /** The output layer's weight is the token embedding (default true). */
  readonly tieWeights?: boolean;
  /** "learned" (default, GPT) or "sinusoidal" positions. */
  readonly positional?: "learned" | "sinusoidal";
  readonly layerNormEps?: number;
  readonly dtype?: DType;
  readonly generator?: Generator;
}

/**
 * Next-token logits [N, T, vocabSize] for int32 tokens [N, T] (or [T] → [T, vocabSize]), T ≤
 * contextLength. Embeddings start N(0, 0.02²) as GPT-2's (PyTorch's nn.Embedding default N(0, 1)
 * would make the tied logits ≈ √dModel large). State-dict keys: token_embedding.weight,
 * position_embedding.weight (or .pe), layers.<i>.* (TransformerEncoderLayer's), norm.*, head.weight.
 * While gradients are recorded, the activations made inside forward belong to the graph: backward()
 * reuses their storage once it releases the graph (unless `retainGraph: true`).
 * @example const lm = new nn.TransformerLanguageModel(256, { dModel: 64, nhead: 4, numLayers: 2 }); lm.forward(tokens).shape; // [N, T, 256]
 */
export class TransformerLanguageModel extends Module {
  readonly tokenEmbedding: Embedding;
  readonly positionEmbedding: LearnedPositionalEmbedding | SinusoidalPositionalEncoding;
  readonly dropout: Dropout;
  readonly layers: TransformerDecoderOnlyBlock[];
  readonly norm: LayerNorm;
  readonly head: Linear;
  readonly contextLength: number;

  constructor(
    readonly vocabSize: number,
    options: TransformerLanguageModelOptions = {},
  ) {
    super();
    const { dModel = 128, nhead = 4, numLayers = 4, contextLength = 128, dropout = 0.1 } = options;
    checkFeatures("TransformerLanguageModel", vocabSize, dModel, nhead, numLayers, contextLength);
    const dtype = options.dtype ?? "float32";
    const generator = options.generator ?? defaultGenerator;
    this.contextLength = contextLength;
    this.tokenEmbedding = new Embedding(vocabSize, dModel, { dtype, generator });
    this.tokenEmbedding.weight.data.forEach((value, i, data) => (data[i] = value * 0.02));
    this.positionEmbedding =
      options.positional === "sinusoidal"
        ? new SinusoidalPositionalEncoding(dModel, contextLength, { dtype })
        : new LearnedPositionalEmbedding(contextLength, dModel, { dtype, generator, std: 0.02 });
    this.dropout = new Dropout(dropout, { generator });
    const block = {
      dimFeedforward: options.dimFeedforward ?? 4 * dModel,
      dropout,
      activation: options.activation ?? "gelu",
      layerNormEps: options.layerNormEps ?? 1e-5,
      dtype,
      generator,
    };
    this.layers = Array.from(
      { length: numLayers },
      () => new TransformerDecoderOnlyBlock(dModel, nhead, block),
    );
    this.norm = new LayerNorm(dModel, { eps: block.layerNormEps, dtype });
    this.head = new Linear(dModel, vocabSize, { bias: false, dtype, generator });
    if (options.tieWeights ?? true)
      (this.head as { weight: Tensor }).weight = this.tokenEmbedding.weight;
    this.renameChild("tokenEmbedding", "token_embedding");
    this.renameChild("positionEmbedding", "position_embedding");
  }

  forward(tokens: Tensor): Tensor {
    if (tokens.dtype !== "int32")
      throw new DTypeError(`TransformerLanguageModel: tokens must be int32, got ${tokens.dtype}`);
    if (tokens.rank !== 1 && tokens.rank !== 2)
      throw new ShapeError(
        `TransformerLanguageModel: tokens must be [N, T] or [T], got ${formatShape(tokens.shape)}`,
      );
    const length = tokens.shape[tokens.rank - 1]!;
    if (length > this.contextLength)
      throw new RangeError(
        `TransformerLanguageModel: sequence length ${length} exceeds contextLength ${this.contextLength}`,
      );
    const ids = tokens.dataSync();
    for (const id of ids)
      if (!(id >= 0 && id < this.vocabSize))
        throw new RangeError(
          `TransformerLanguageModel: token ${id} is out of range for vocabSize ${this.vocabSize}`,
        );
    const batched = tokens.rank === 2 ? tokens : tokens.unsqueeze(0);
    const embedded = this.tokenEmbedding.forward(batched);
    const positioned = this.positionEmbedding.forward(embedded);
    let x = this.dropout.forward(positioned);
    const internal = [embedded, positioned, x];
    for (const layer of this.layers) internal.push((x = layer.forward(x)));
    const normed = this.norm.forward(x);
    const logits = this.head.forward(normed);
    // the activations between built-in blocks never leave forward: only the graph holds them
    if (this.keepsNothing()) markGraphOnlyInternals([...internal, normed], [logits]);
    return tokens.rank === 2 ? logits : logits.squeeze(0);
  }

  /** Whether every child is a built-in module that keeps no tensor (so the activations are the graph's). */
  private keepsNothing(): boolean {
    const positions = this.positionEmbedding.constructor;
    return (
      this.tokenEmbedding.constructor === Embedding &&
      (positions === LearnedPositionalEmbedding || positions === SinusoidalPositionalEncoding) &&
      this.layers.every((layer) => layer.constructor === TransformerDecoderOnlyBlock) &&
      [this.dropout, this.norm, this.head].every(keepsNothing)
    );
  }
}
