// Binary cross-entropy from logits as a primitive: one stable pass per element, backward σ(z) − y.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { contiguousData, emptyTensor } from "./kernels.js";
import { sigmoid } from "./unary.js";

const sigmoidCrossEntropyOp = defineOp<[Tensor, Tensor]>({
  name: "sigmoidCrossEntropy",
  forward: ([logits, targets]) => {
    const z = contiguousData(logits);
    const y = contiguousData(targets);
    const output = emptyTensor(logits.shape, logits.dtype);
    const out = output.data;
    // max(z, 0) − z·y + log(1 + e^{−|z|}): finite for any finite z
    for (let i = 0; i < out.length; i++) {
      const zi = z[i]!;
      out[i] = Math.max(zi, 0) - zi * y[i]! + Math.log1p(Math.exp(-Math.abs(zi)));
    }
    return output;
  },
  // ∂/∂z = σ(z) − y (exact at z = 0 too), ∂/∂y = −z
  backward: (outputGrad, { inputs: [logits, targets] }) => [
    logits.requiresGrad ? outputGrad.mul(sigmoid(logits).sub(targets)) : null,
    targets.requiresGrad ? outputGrad.mul(logits).neg() : null,
  ],
});

/**
 * −[y log σ(z) + (1 − y) log(1 − σ(z))] elementwise for float logits z and targets y of the same
 * shape and dtype, computed without forming σ(z).
 * @example sigmoidCrossEntropy(tensor([0]), tensor([1])).item(); // log 2
 */
export function sigmoidCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  return sigmoidCrossEntropyOp([logits, targets], undefined);
}
