// The nn namespace: modules with named parameters, layers, initialisers, losses and the lecture's models.
export { Module, StateDictError, type StateDict } from "./module.js";
export { functionalCall } from "./functional-call.js";
export { Linear, type LinearOptions } from "./linear.js";
export { Embedding, type EmbeddingOptions } from "./embedding.js";
export { Sequential } from "./sequential.js";
export { LSTM } from "./recurrent/lstm.js";
export { GRU } from "./recurrent/gru.js";
export { RNN, type RNNOptions } from "./recurrent/rnn.js";
export {
  LSTMCell,
  GRUCell,
  RNNCell,
  type CellOptions,
  type RNNCellOptions,
} from "./recurrent/cells.js";
export type { RecurrentOptions } from "./recurrent/recurrent-layers.js";
export type { SequenceOptions } from "./recurrent/sequence-layout.js";
export { MLP, type MLPOptions } from "./mlp.js";
export { Dropout, type DropoutOptions } from "./dropout.js";
export {
  MultiheadAttention,
  type MultiheadAttentionOptions,
  type MultiheadAttentionForwardOptions,
} from "./multihead-attention.js";
export {
  TransformerEncoderLayer,
  TransformerDecoderOnlyBlock,
  type TransformerEncoderLayerOptions,
  type TransformerEncoderLayerForwardOptions,
  type TransformerActivation,
} from "./transformer-encoder-layer.js";
export {
  TransformerEncoder,
  type TransformerEncoderOptions,
  type TransformerEncoderForwardOptions,
} from "./transformer-encoder.js";
export {
  LearnedPositionalEmbedding,
  SinusoidalPositionalEncoding,
  type PositionalOptions,
} from "./positional-encoding.js";
export {
  TransformerLanguageModel,
  type TransformerLanguageModelOptions,
} from "./transformer-language-model.js";
export { Flatten, Unflatten } from "./flatten.js";
export {
  ReLU,
  Tanh,
  Sigmoid,
  GELU,
  SiLU,
  LeakyReLU,
  Softplus,
  Identity,
  activation,
  type ActivationName,
  type ActivationOptions,
} from "./activations.js";
export { BatchNorm1d, BatchNorm2d, type BatchNormOptions } from "./batch-norm.js";
export { LayerNorm, type LayerNormOptions } from "./layer-norm.js";
export { GroupNorm, type GroupNormOptions } from "./group-norm.js";
export {
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  type ConvLayerOptions,
  type Conv1dLayerOptions,
  type ConvTransposeLayerOptions,
} from "./conv.js";
export { MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool2d } from "./pooling.js";
export {
  xavierUniform,
  xavierNormal,
  kaimingUniform,
  kaimingNormal,
  zerosParameter,
  fans,
  type InitOptions,
} from "./init.js";
export type { Reduction, LossOptions } from "./reduction.js";
export { binaryCrossEntropyWithLogits } from "./binary-cross-entropy.js";
export { crossEntropy, nllLoss } from "./cross-entropy.js";
export { mseLoss } from "./mse-loss.js";
export {
  LogisticRegression,
  SoftmaxRegression,
  type RegressionOptions,
} from "./logistic-regression.js";
