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
export { ReLU, Tanh, Sigmoid, Identity, activation, type ActivationName } from "./activations.js";
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
