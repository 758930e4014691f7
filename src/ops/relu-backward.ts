// relu's backward as one primitive: the gradient where x > 0 (or x is NaN), else 0, in one pass over
// the batch instead of a mask and a product (PyTorch's threshold_backward; an infinite or NaN
// gradient at x ≤ 0 gives 0, not NaN).
import type { Tensor } from "../tensor/tensor.js";
import { defineOp, type Op } from "./define-op.js";
import { binaryKernel } from "./kernels.js";

const reluBackwardOp: Op<[Tensor, Tensor], undefined> = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: "reluBackward",
  forward: ([g, x]) => binaryKernel("reluBackward", "reluBackward", g, x, g.dtype),
  // linear in g with the same mask; constant in x away from 0 (relu″ = 0 almost everywhere)
  backward: (outputGrad, { inputs: [, x] }) => [reluBackwardOp([outputGrad, x!], undefined), null],
});

/**
 * relu′(x)·g without building the mask: g where x > 0 or x is NaN, else 0.
 * @example reluBackward(tensor([5, 5]), tensor([-1, 2])) // [0, 5]
 */
export function reluBackward(g: Tensor, x: Tensor): Tensor {
  if (g.dtype !== x.dtype) return reluBackwardOp([g, x.astype(g.dtype)], undefined);
  return reluBackwardOp([g, x], undefined);
}
