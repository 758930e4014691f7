// The public surface of gradus. Export by name only; internals stay private.
export { noGrad, enableGrad, isGradEnabled, CycleError } from "./autodiff/index.js";

// Tensors and their autodiff.
export { Tensor, type OpRecord } from "./tensor/tensor.js";
export {
  tensor,
  zeros,
  ones,
  full,
  arange,
  linspace,
  eye,
  rand,
  randn,
  zerosLike,
  onesLike,
  type TensorOptions,
  type RandomOptions,
} from "./tensor/creation.js";
export { Generator, manualSeed } from "./tensor/random.js";
export { RowSparseGrad } from "./tensor/row-sparse-grad.js";
export { ShapeError, DTypeError } from "./tensor/errors.js";
export { detectAnomaly, AnomalyError } from "./tensor/anomaly.js";
export type { BackwardOptions } from "./tensor/backward.js";
export type { DType } from "./backend/dtype.js";
export {
  setBackend,
  getBackend,
  availableBackends,
  BackendUnavailableError,
  type BackendName,
} from "./backend/registry.js";
export { setNumThreads, getNumThreads } from "./backend/threads.js";
export {
  astype,
  add,
  sub,
  mul,
  div,
  pow,
  neg,
  exp,
  log,
  sum,
  contiguous,
  reshape,
  expand,
  permute,
  transpose,
  matmul,
  sqrt,
  abs,
  square,
  sin,
  cos,
  tanh,
  sigmoid,
  relu,
  gelu,
  silu,
  softplus,
  logSigmoid,
  elu,
  leakyRelu,
  expm1,
  log1p,
  erf,
  erfc,
  sign,
  clamp,
  maximum,
  minimum,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  where,
  mean,
  variance,
  std,
  max,
  min,
  argmax,
  argmin,
  logsumexp,
  softmax,
  logSoftmax,
  squeeze,
  unsqueeze,
  flatten,
  slice,
  at,
  index,
  concat,
  stack,
  gather,
  scatterAdd,
  indexSelect,
  indexAdd,
  scaledDotProductAttention,
  linear,
  type ScaledDotProductAttentionOptions,
  lstmSequence,
  gruSequence,
  rnnSequence,
  type IndexSpec,
  type SliceSpec,
  type GeluOptions,
  type SoftplusOptions,
  batchNorm,
  layerNorm,
  groupNorm,
  type BatchNormOptions,
  type LayerNormOptions,
  type GroupNormOptions,
} from "./ops/index.js";
// Convolutional networks: convolutions, pooling, padding.
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
  type Conv1dOptions,
  type Conv2dOptions,
  type ConvTranspose2dOptions,
  type ConvPadding,
  type Pair,
  type MaxPool1dOptions,
  type MaxPool2dOptions,
  type AvgPool1dOptions,
  type AvgPool2dOptions,
  type PadMode,
  type PadOptions,
} from "./ops/conv/index.js";
// Sparse matrices (text features) and the sparse × dense product, differentiable in the dense operand.
export {
  CsrMatrix,
  SparseFormatError,
  type SparseDType,
  type SparseValues,
} from "./tensor/sparse/csr-matrix.js";
export { sparseMatmul } from "./ops/sparse/sparse-matmul.js";
export { gradcheck, type GradcheckOptions, type GradcheckResult } from "./functional/gradcheck.js";
// The op registry: list every op, and check every differentiable one against central differences.
export {
  listOps,
  gradcheckOps,
  type OpInfo,
  type GradcheckOpsOptions,
  type OpCheckRow,
  type OrderSummary,
  type WorstElement,
} from "./op-registry.js";
export { grad, valueAndGrad } from "./functional/grad.js";
export { vjp, jvp } from "./functional/vjp.js";
export { jacobian, hessian, hvp } from "./functional/jacobian.js";
export { customOp, type CustomOpDefinition, type CustomOpContext } from "./functional/custom-op.js";

// Symbolic differentiation: parse, differentiate, evaluate, print, measure.
export type { Expr, UnaryFunction, BinaryOperator } from "./symbolic/expr.js";
export * as expr from "./symbolic/build.js";
export { parseExpression, ParseError } from "./symbolic/parse.js";
export { formatExpr } from "./symbolic/format.js";
export { evaluate, type Environment } from "./symbolic/evaluate.js";
export { diff } from "./symbolic/diff.js";
export { treeSize, dagSize } from "./symbolic/size.js";
export {
  swellExpression,
  expressionSwell,
  fittedGrowth,
  type SwellRow,
} from "./symbolic/expression-swell.js";

// The lecture's computational graph (§3): calc/deriv per vertex, Forward/Backward, trace, DOT/SVG,
// graphs of expressions, and the micrograd-style scalar Value on the same engine.
export {
  Value,
  GraphVertex,
  GraphError,
  leaf,
  constant,
  vertex,
  vertexKinds,
  defineVertexKind,
  computationalGraph,
  forward,
  backward,
  traceSweeps,
  formatTrace,
  toDot,
  graphFromExpr,
  calcText,
  derivText,
  type GraphFromExprOptions,
  type ComputationalGraph,
  type VertexKind,
  type VertexKindDefinition,
  type VertexKindName,
  type Values,
  type Adjoints,
  type LeafValues,
  type SweepTrace,
  type ForwardStep,
  type BackwardStep,
} from "./graph/index.js";
export { graphToSvg, renderDotSvg } from "./viz/graph-svg.js";

// Numerical gradients and the error-order experiment (lecture §1).
export {
  numericalGrad,
  defaultStep,
  type DifferenceMethod,
  type NumericalGradOptions,
} from "./check/numerical-grad.js";
export {
  errorOrder,
  logLogSlope,
  type ErrorOrderRow,
  type ErrorOrderFit,
  type ErrorOrderResult,
  type ErrorOrderOptions,
} from "./check/error-order.js";

// Plots (vega, vega-lite and @viz-js/viz are optional packages, loaded on first use).
export { MissingPackageError } from "./viz/optional-package.js";
export {
  linePlotSvg,
  linePlotSpec,
  type LinePlotSpec,
  type LinePlotOptions,
  type PlotAxis,
  type PlotSeries,
} from "./viz/line-plot.js";

// Training: modules and losses, optimizers and the lecture's convergence tools, datasets and loaders.
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as data from "./data/index.js";
export { fit } from "./optim/fit.js";

// Files as bytes: safetensors and checkpoints (the Node entry adds the file functions).
export * as io from "./io/index.js";
