// Softmax cross-entropy against int32 class labels as a primitive: per-sample losses in one pass.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { contiguousData, emptyTensor } from "./kernels.js";
import { logSoftmax, logSumExpRows } from "./log-softmax.js";

/** 1 at [s, labels[s]], 0 elsewhere, in the logits' dtype (a constant of the backward). */
function oneHot(labels: ArrayLike<number>, like: Tensor): Tensor {
  const [samples, classes] = like.shape as [number, number];
  const output = emptyTensor([samples, classes], like.dtype);
  for (let s = 0; s < samples; s++) output.data[s * classes + labels[s]!] = 1;
  return output;
}

const softmaxCrossEntropyOp = defineOp<[Tensor, Tensor]>({
  name: "softmaxCrossEntropy",
  forward: ([logits, labels], _, backend) => {
    const [samples, classes] = logits.shape as [number, number];
    const z = contiguousData(logits);
    const picked = contiguousData(labels);
    const lse = logSumExpRows(z, samples, classes, 1, backend);
    const output = emptyTensor([samples], logits.dtype);
    for (let s = 0; s < samples; s++) output.data[s] = lse[s]! - z[s * classes + picked[s]!]!;
    return output;
  },
  // ∂/∂z[s, c] (logsumexp(z[s]) − z[s, label]) = softmax(z[s])_c − [c = label]; labels get none
  backward: (outputGrad, { inputs: [logits, labels] }) => [
    outputGrad.reshape([-1, 1]).mul(
      logSoftmax(logits, 1)
        .exp()
        .sub(oneHot(contiguousData(labels), logits)),
    ),
    null,
  ],
});

/**
 * −log softmax(z)[s, labels[s]] per sample for float logits [S, C] and int32 labels [S] already
 * checked to lie in [0, C) (nn.crossEntropy checks them).
 * @example softmaxCrossEntropy(tensor([[0, 0]]), tensor([1], { dtype: "int32" })).item(); // log 2
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  return softmaxCrossEntropyOp([logits, labels], undefined);
}
