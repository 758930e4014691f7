// Every op, by name: the fluent Tensor methods and the public API delegate here.
export { astype } from "./astype.js";
export { add, sub, mul, div, pow, maximum, minimum, eq, ne, lt, le, gt, ge } from "./binary.js";
export {
  neg,
  exp,
  log,
  sqrt,
  abs,
  square,
  sin,
  cos,
  tanh,
  expm1,
  log1p,
  erf,
  erfc,
  sign,
} from "./unary.js";
export {
  sigmoid,
  relu,
  gelu,
  silu,
  softplus,
  logSigmoid,
  elu,
  leakyRelu,
  type GeluOptions,
  type SoftplusOptions,
} from "./activations.js";
export { clamp } from "./clamp.js";
export { where } from "./where.js";
export { sum } from "./sum.js";
export { max, min } from "./max.js";
export { mean, variance, std } from "./composite/mean.js";
export { logsumexp, softmax } from "./composite/softmax.js";
export { logSoftmax } from "./log-softmax.js";
export { sigmoidCrossEntropy } from "./sigmoid-cross-entropy.js";
export { softmaxCrossEntropy } from "./softmax-cross-entropy.js";
export { argmax, argmin } from "./composite/argmax.js";
export {
  contiguous,
  reshape,
  squeeze,
  unsqueeze,
  flatten,
  expand,
  permute,
  transpose,
} from "./views.js";
export { slice } from "./slice.js";
export { concat } from "./concat.js";
export { stack } from "./composite/stack.js";
export { at, index, type IndexSpec, type SliceSpec } from "./composite/select.js";
export { indexSelect, indexAdd } from "./index-select.js";
export { gather, scatterAdd } from "./gather.js";
export { matmul } from "./matmul.js";
export { linear } from "./linear.js";
export {
  scaledDotProductAttention,
  type ScaledDotProductAttentionOptions,
} from "./scaled-dot-product-attention.js";
export { batchNorm, type BatchNormOptions } from "./normalization/batch-norm.js";
export { layerNorm, type LayerNormOptions } from "./normalization/layer-norm.js";
export { groupNorm, type GroupNormOptions } from "./normalization/group-norm.js";
export {
  conv1d,
  conv2d,
  convTranspose2d,
  maxPool1d,
  maxPool2d,
  avgPool1d,
  avgPool2d,
  adaptiveAvgPool2d,
  pad,
} from "./conv/index.js";
export { lstmSequence } from "./recurrent/lstm-sequence.js";
export { gruSequence } from "./recurrent/gru-sequence.js";
export { rnnSequence } from "./recurrent/rnn-sequence.js";
