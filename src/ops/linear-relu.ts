// relu(x·Wᵀ + b) as one primitive (the first half of a feed-forward block): the product adds the bias
// and applies relu as it stores each row, and the backward masks the gradient by the output (y > 0
// exactly where x·Wᵀ + b > 0, NaN kept), so the pre-activation is never stored nor read again.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { linearForward, linearGradients, linearOperands } from "./linear.js";
import { reluBackward } from "./relu-backward.js";

const linearReluOp = /* @__PURE__ */ defineOp<Tensor[], { readonly hasBias: boolean }>({
  name: "linearRelu",
  forward: (inputs, { hasBias }, backend) => linearForward(inputs, hasBias, true, backend),
  // y = relu(z), z = x·Wᵀ + b: ∂z = g where y > 0 (or NaN), then linear's rule on ∂z
  backward: (outputGrad, { inputs, output }) =>
    linearGradients(reluBackward(outputGrad, output), inputs),
});

/**
 * relu(x·Wᵀ + b) for x [..., in], weight [out, in] and an optional bias [out], in one pass.
 * @example linearRelu(randn([8, 3]), randn([2, 3]), zeros([2])).shape; // [8, 2]
 */
export function linearRelu(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return linearReluOp(linearOperands("linearRelu", x, weight, bias), { hasBias: bias !== null });
}
