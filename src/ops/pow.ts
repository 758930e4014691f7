// Elementwise power aᵇ with NumPy broadcasting.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import { toTensors, type Operand } from "./operands.js";

const powOp = defineOp<[Tensor, Tensor]>({
  name: "pow",
  forward: ([a, b]) => binaryKernel("pow", "pow", a, b),
  // ∂aᵇ/∂a = b·aᵇ⁻¹, ∂aᵇ/∂b = aᵇ·log a
  backward: (outputGrad, { inputs: [a, b], output }) => [
    outputGrad.mul(b).mul(a.pow(b.sub(1))),
    b.requiresGrad ? outputGrad.mul(output).mul(a.log()) : null,
  ],
});

/** aᵇ elementwise, broadcasting. */
export const pow = (a: Operand, b: Operand): Tensor => powOp(toTensors(a, b), undefined);
