// A recurrent language model (PyTorch's word_language_model example): token embedding, dropout, a
// stack of LSTM layers, dropout, and an output layer whose weight may be the embedding's.
import type { DType } from "../backend/dtype.js";
import { DTypeError, formatShape, ShapeError } from "../tensor/errors.js";
import { defaultGenerator, type Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { Dropout } from "./dropout.js";
import { Embedding } from "./embedding.js";
import { uniformParameter, zerosParameter } from "./init.js";
import { checkFeatures, Linear } from "./linear.js";
import { Module } from "./module.js";
import { LSTM } from "./recurrent/lstm.js";

export interface LSTMLanguageModelOptions {
  /** Embedding width (default 256); with tieWeights it must equal hiddenSize. */
  readonly embeddingDim?: number;
  /** LSTM state width (default 256). */
  readonly hiddenSize?: number;
  /** Stacked LSTM layers (default 2). */
  readonly numLayers?: number;
  /** Dropout on the embeddings, between LSTM layers and before the output layer (default 0.2). */
  readonly dropout?: number;
  /** The output layer's weight is the token embedding (default true, as Press & Wolf 2017). */
  readonly tieWeights?: boolean;
  readonly dtype?: DType;
  /** Draws the initial weights and, later, the dropout masks. */
  readonly generator?: Generator;
}

/** The LSTM's final states [h, c], each [numLayers, N, hiddenSize]: where the next call continues. */
export type LSTMState = [Tensor, Tensor];

/**
 * Next-token logits [N, T, vocabSize] for int32 tokens [N, T] (or [T] → [T, vocabSize]). Any length
 * works; every call starts from zero states unless `forwardWithState` is given the previous call's.
 * Initialised as PyTorch's example: embedding and output weights U(−0.1, 0.1), output bias 0, the
 * LSTM as nn.LSTM. State-dict keys: token_embedding.weight, lstm.weight_ih_l0 (…, nn.LSTM's),
 * head.weight, head.bias — a PyTorch module with these child names loads them unchanged.
 * @example const lm = new nn.LSTMLanguageModel(256, { hiddenSize: 64, embeddingDim: 64 }); lm.forward(tokens).shape; // [N, T, 256]
 */
export class LSTMLanguageModel extends Module {
  readonly tokenEmbedding: Embedding;
  readonly inputDropout: Dropout;
  readonly lstm: LSTM;
  readonly outputDropout: Dropout;
  readonly head: Linear;
  readonly tieWeights: boolean;

  constructor(
    readonly vocabSize: number,
    options: LSTMLanguageModelOptions = {},
  ) {
    super();
    const { hiddenSize = 256, numLayers = 2, dropout = 0.2 } = options;
    const embeddingDim = options.embeddingDim ?? hiddenSize;
    checkFeatures("LSTMLanguageModel", vocabSize, embeddingDim, hiddenSize, numLayers);
    this.tieWeights = options.tieWeights ?? true;
    if (this.tieWeights && embeddingDim !== hiddenSize)
      throw new RangeError(
        `LSTMLanguageModel: tied weights need embeddingDim = hiddenSize, got ${embeddingDim} and ${hiddenSize}`,
      );
    const dtype = options.dtype ?? "float32";
    const generator = options.generator ?? defaultGenerator;
    this.tokenEmbedding = new Embedding(vocabSize, embeddingDim, { dtype, generator });
    (this.tokenEmbedding as { weight: Tensor }).weight = uniformParameter(
      [vocabSize, embeddingDim],
      0.1,
      { dtype, generator },
    );
    this.inputDropout = new Dropout(dropout, { generator });
    this.lstm = new LSTM(embeddingDim, hiddenSize, {
      numLayers,
      dropout: numLayers > 1 ? dropout : 0,
      batchFirst: true,
      dtype,
      generator,
    });
    this.outputDropout = new Dropout(dropout, { generator });
    this.head = new Linear(hiddenSize, vocabSize, { dtype, generator });
    const head = this.head as { weight: Tensor; bias: Tensor };
    head.weight = this.tieWeights
      ? this.tokenEmbedding.weight
      : uniformParameter([vocabSize, hiddenSize], 0.1, { dtype, generator });
    head.bias = zerosParameter([vocabSize], { dtype });
    this.renameChild("tokenEmbedding", "token_embedding");
  }

  forward(tokens: Tensor): Tensor {
    return this.forwardWithState(tokens, null)[0];
  }

  /**
   * The logits and the final states; pass the states back to continue the sequence where it
   * stopped (as generation does, one token at a time).
   * @example const [logits, state] = lm.forwardWithState(prompt, null); lm.forwardWithState(next, state);
   */
  forwardWithState(tokens: Tensor, state: LSTMState | null): [Tensor, LSTMState] {
    if (tokens.dtype !== "int32")
      throw new DTypeError(`LSTMLanguageModel: tokens must be int32, got ${tokens.dtype}`);
    if (tokens.rank !== 1 && tokens.rank !== 2)
      throw new ShapeError(
        `LSTMLanguageModel: tokens must be [N, T] or [T], got ${formatShape(tokens.shape)}`,
      );
    const ids = tokens.dataSync();
    for (const id of ids)
      if (!(id >= 0 && id < this.vocabSize))
        throw new RangeError(
          `LSTMLanguageModel: token ${id} is out of range for vocabSize ${this.vocabSize}`,
        );
    const batched = tokens.rank === 2 ? tokens : tokens.unsqueeze(0);
    const x = this.inputDropout.forward(this.tokenEmbedding.forward(batched));
    const [output, next] = this.lstm.forward(x, state);
    const logits = this.head.forward(this.outputDropout.forward(output));
    return [tokens.rank === 2 ? logits : logits.squeeze(0), next];
  }
}
