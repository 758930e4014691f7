// Elementwise difference with NumPy broadcasting.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import { toTensors, type Operand } from "./operands.js";

const subOp = defineOp<[Tensor, Tensor]>({
  name: "sub",
  forward: ([a, b]) => binaryKernel("sub", "sub", a, b),
  // ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1 (null for an input without requiresGrad: the engine drops it)
  backward: (outputGrad, { inputs: [, b] }) => [
    outputGrad,
    b.requiresGrad ? outputGrad.neg() : null,
  ],
});

/** a − b, broadcasting. */
export const sub = (a: Operand, b: Operand): Tensor => subOp(toTensors(a, b), undefined);
