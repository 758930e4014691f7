// Elementwise product with NumPy broadcasting.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import { toTensors, type Operand } from "./operands.js";

const mulOp = defineOp<[Tensor, Tensor]>({
  name: "mul",
  forward: ([a, b]) => binaryKernel("mul", "mul", a, b),
  // ∂(ab)/∂a = b, ∂(ab)/∂b = a (null for an input without requiresGrad: the engine drops it)
  backward: (outputGrad, { inputs: [a, b] }) => [
    a.requiresGrad ? outputGrad.mul(b) : null,
    b.requiresGrad ? outputGrad.mul(a) : null,
  ],
});

/** a · b elementwise, broadcasting. */
export const mul = (a: Operand, b: Operand): Tensor => mulOp(toTensors(a, b), undefined);
