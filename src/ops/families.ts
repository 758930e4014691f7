// The differentiable ops grouped by family: test tables typed over these keys must cover every op.
import * as ops from "./index.js";

/** Elementwise ops (NumPy broadcasting), including dtype conversion. */
export const elementwiseOps = {
  add: ops.add,
  sub: ops.sub,
  mul: ops.mul,
  div: ops.div,
  pow: ops.pow,
  neg: ops.neg,
  exp: ops.exp,
  log: ops.log,
  sqrt: ops.sqrt,
  abs: ops.abs,
  square: ops.square,
  sin: ops.sin,
  cos: ops.cos,
  tanh: ops.tanh,
  sigmoid: ops.sigmoid,
  relu: ops.relu,
  maximum: ops.maximum,
  minimum: ops.minimum,
  clamp: ops.clamp,
  where: ops.where,
  astype: ops.astype,
};

/** Reductions along axes, and the composites built on them. */
export const reductionOps = {
  sum: ops.sum,
  mean: ops.mean,
  variance: ops.variance,
  std: ops.std,
  max: ops.max,
  min: ops.min,
  logsumexp: ops.logsumexp,
  softmax: ops.softmax,
  logSoftmax: ops.logSoftmax,
  matmul: ops.matmul,
};

/** Shape ops: views where possible. */
export const shapeOps = {
  contiguous: ops.contiguous,
  reshape: ops.reshape,
  squeeze: ops.squeeze,
  unsqueeze: ops.unsqueeze,
  flatten: ops.flatten,
  expand: ops.expand,
  permute: ops.permute,
  transpose: ops.transpose,
  concat: ops.concat,
  stack: ops.stack,
};

/** Indexing: slices, picks and index-tensor lookups with their scatter-add transposes. */
export const indexingOps = {
  slice: ops.slice,
  at: ops.at,
  index: ops.index,
  indexSelect: ops.indexSelect,
  indexAdd: ops.indexAdd,
  gather: ops.gather,
  scatterAdd: ops.scatterAdd,
};

/** Fused per-sample losses from logits (nn's binaryCrossEntropyWithLogits and crossEntropy with labels). */
export const lossOps = {
  sigmoidCrossEntropy: ops.sigmoidCrossEntropy,
  softmaxCrossEntropy: ops.softmaxCrossEntropy,
};

/** Convolutional networks: convolutions, pooling and padding. */
export const convolutionOps = {
  conv1d: ops.conv1d,
  conv2d: ops.conv2d,
  convTranspose2d: ops.convTranspose2d,
  maxPool1d: ops.maxPool1d,
  maxPool2d: ops.maxPool2d,
  avgPool1d: ops.avgPool1d,
  avgPool2d: ops.avgPool2d,
  adaptiveAvgPool2d: ops.adaptiveAvgPool2d,
  pad: ops.pad,
};

/** Every differentiable op by name. */
export const differentiableOps = {
  ...elementwiseOps,
  ...reductionOps,
  ...shapeOps,
  ...indexingOps,
  ...lossOps,
  ...convolutionOps,
};
