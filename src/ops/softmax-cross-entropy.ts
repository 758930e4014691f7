// Softmax cross-entropy against int32 class labels as a primitive: per-sample losses (or their mean/sum) in one pass.
import { isGradEnabled } from "../autodiff/index.js";
import type { FloatArray } from "../backend/dtype.js";
import { activeBackend } from "../backend/registry.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { contiguousData, emptyTensor, outputTensor } from "./kernels.js";
import { logSoftmax, logSoftmaxOfRows, logSumExpRows } from "./log-softmax.js";
import {
  perSampleGrad,
  reducedLoss,
  type LossParams,
  type LossReduction,
} from "./loss-reduction.js";

/** 1 at [s, labels[s]], 0 elsewhere, in the logits' dtype (a constant of the backward). */
function oneHot(labels: ArrayLike<number>, like: Tensor): Tensor {
  const [samples, classes] = like.shape as [number, number];
  const output = emptyTensor([samples, classes], like.dtype);
  for (let s = 0; s < samples; s++) output.data[s * classes + labels[s]!] = 1;
  return output;
}

/** Each row's log Σ exp, reused by the backward's softmax. */
type Params = LossParams<{ lse: Float64Array | null }>;

const softmaxCrossEntropyOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], Params>({
  name: "softmaxCrossEntropy",
  forward: ([logits, labels], { reduction, saved }, backend) => {
    const [samples, classes] = logits.shape as [number, number];
    const z = contiguousData(logits);
    const picked = contiguousData(labels);
    const lse = logSumExpRows(z, samples, classes, 1, backend);
    saved.lse = lse;
    const losses = new Float64Array(samples);
    for (let s = 0; s < samples; s++) losses[s] = lse[s]! - z[s * classes + picked[s]!]!;
    return reducedLoss(losses, [samples], logits.dtype, reduction);
  },
  // ∂/∂z[s, c] (logsumexp(z[s]) − z[s, label]) = softmax(z[s])_c − [c = label]; labels get none
  backward: (outputGrad, { inputs: [logits, labels], params: { reduction, saved } }) => {
    // first order (nothing recorded): one fused kernel from the forward's log Σ exp
    if (!isGradEnabled() && saved.lse !== null)
      return [fusedLogitsGrad(outputGrad, logits, labels, saved.lse, reduction), null];
    const g = perSampleGrad(outputGrad, logits.shape[0]!, reduction);
    const logProbabilities = saved.lse
      ? logSoftmaxOfRows(logits, saved.lse)
      : logSoftmax(logits, 1);
    const softmaxMinusOneHot = logProbabilities.exp().sub(oneHot(contiguousData(labels), logits));
    return [(reduction === "none" ? g.reshape([-1, 1]) : g).mul(softmaxMinusOneHot), null];
  },
});

/** g·(softmax(z) − onehot) in one backend pass; a mean's 1/S folds into the one scale. */
function fusedLogitsGrad(
  outputGrad: Tensor,
  logits: Tensor,
  labels: Tensor,
  lse: Float64Array,
  reduction: LossReduction,
): Tensor {
  const samples = logits.shape[0]!;
  const upstream = Float64Array.from(contiguousData(outputGrad));
  const g = reduction === "mean" ? upstream.map((v) => v / samples) : upstream;
  const output = outputTensor(logits.shape, logits.dtype);
  activeBackend().softmaxCrossEntropyGrad(
    contiguousData(logits) as FloatArray,
    contiguousData(labels) as Int32Array,
    lse,
    g,
    output.data as FloatArray,
  );
  return output;
}

/**
 * −log softmax(z)[s, labels[s]] for float logits [S, C] and int32 labels [S] already checked to lie
 * in [0, C) (nn.crossEntropy checks them): per sample ("none"), or their mean or sum as a scalar.
 * @example softmaxCrossEntropy(tensor([[0, 0]]), tensor([1], { dtype: "int32" })).item(); // log 2
 */
export function softmaxCrossEntropy(
  logits: Tensor,
  labels: Tensor,
  reduction: LossReduction = "none",
): Tensor {
  return softmaxCrossEntropyOp([logits, labels], { reduction, saved: { lse: null } });
}
