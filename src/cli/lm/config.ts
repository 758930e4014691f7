// A language model's config (kind and sizes), the model it builds, and the parameter names and shapes
// that model has (PyTorch's keys): what a saved model's tensors are checked against before building.
import { nn, type Generator } from "../../node.js";

export const LM_KINDS = ["transformer", "lstm"] as const;
export type LmKind = (typeof LM_KINDS)[number];

/** The sizes that fix a model's parameters (and its dropout, used only in training). */
export interface LmModelConfig {
  readonly model: LmKind;
  readonly vocabSize: number;
  /** Width of the embeddings (and of the LSTM's states). */
  readonly dModel: number;
  readonly layers: number;
  /** Attention heads (transformer; null for the LSTM). */
  readonly heads: number | null;
  /** Transformer: feed-forward width; null for the LSTM. */
  readonly dimFeedforward: number | null;
  /** Tokens per training window; the transformer's position table has this many rows. */
  readonly context: number;
  readonly dropout: number;
  /** The output layer's weight is the token embedding. */
  readonly tieWeights: boolean;
}

export type LanguageModel = nn.TransformerLanguageModel | nn.LSTMLanguageModel;

/**
 * The model of `config`, its weights drawn from `generator` (which later also draws its dropout masks).
 * @example const model = buildLanguageModel(config, new Generator(0));
 */
export function buildLanguageModel(config: LmModelConfig, generator: Generator): LanguageModel {
  const { vocabSize, dModel, layers, dropout, tieWeights } = config;
  if (config.model === "lstm")
    return new nn.LSTMLanguageModel(vocabSize, {
      hiddenSize: dModel,
      embeddingDim: dModel,
      numLayers: layers,
      dropout,
      tieWeights,
      generator,
    });
  return new nn.TransformerLanguageModel(vocabSize, {
    dModel,
    nhead: config.heads ?? 1,
    numLayers: layers,
    contextLength: config.context,
    dimFeedforward: config.dimFeedforward ?? 4 * dModel,
    dropout,
    tieWeights,
    generator,
  });
}

/** One transformer block's parameters (nn.TransformerEncoderLayer's keys) under `prefix`. */
function blockShapes(prefix: string, d: number, ff: number): Record<string, number[]> {
  return {
    [`${prefix}.self_attn.in_proj_weight`]: [3 * d, d],
    [`${prefix}.self_attn.in_proj_bias`]: [3 * d],
    [`${prefix}.self_attn.out_proj.weight`]: [d, d],
    [`${prefix}.self_attn.out_proj.bias`]: [d],
    [`${prefix}.linear1.weight`]: [ff, d],
    [`${prefix}.linear1.bias`]: [ff],
    [`${prefix}.linear2.weight`]: [d, ff],
    [`${prefix}.linear2.bias`]: [d],
    [`${prefix}.norm1.weight`]: [d],
    [`${prefix}.norm1.bias`]: [d],
    [`${prefix}.norm2.weight`]: [d],
    [`${prefix}.norm2.bias`]: [d],
  };
}

/**
 * Every tensor the model of `config` saves, by state-dict key, with its shape (head.weight is listed
 * when tied too: PyTorch's state dict of a tied model holds both keys).
 * @example parameterShapes(config)["token_embedding.weight"]; // [vocabSize, dModel]
 */
export function parameterShapes(config: LmModelConfig): Record<string, number[]> {
  const { vocabSize: v, dModel: d, layers } = config;
  const shapes: Record<string, number[]> = { "token_embedding.weight": [v, d] };
  if (config.model === "lstm") {
    for (let layer = 0; layer < layers; layer++) {
      shapes[`lstm.weight_ih_l${layer}`] = [4 * d, d];
      shapes[`lstm.weight_hh_l${layer}`] = [4 * d, d];
      shapes[`lstm.bias_ih_l${layer}`] = [4 * d];
      shapes[`lstm.bias_hh_l${layer}`] = [4 * d];
    }
    return { ...shapes, "head.weight": [v, d], "head.bias": [v] };
  }
  shapes["position_embedding.weight"] = [config.context, d];
  for (let layer = 0; layer < layers; layer++)
    Object.assign(shapes, blockShapes(`layers.${layer}`, d, config.dimFeedforward ?? 4 * d));
  return { ...shapes, "norm.weight": [d], "norm.bias": [d], "head.weight": [v, d] };
}
