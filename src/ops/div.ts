// Elementwise quotient with NumPy broadcasting.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import { toTensors, type Operand } from "./operands.js";

const divOp = defineOp<[Tensor, Tensor]>({
  name: "div",
  forward: ([a, b]) => binaryKernel("div", "div", a, b),
  // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b² (null for an input without requiresGrad: the engine drops it)
  backward: (outputGrad, { inputs: [a, b] }) => [
    a.requiresGrad ? outputGrad.div(b) : null,
    b.requiresGrad ? outputGrad.mul(a).div(b.mul(b)).neg() : null,
  ],
});

/** a / b elementwise, broadcasting (int32 operands divide as floats). */
export function div(a: Operand, b: Operand): Tensor {
  const [left, right] = toTensors(a, b);
  if (left.dtype === "int32")
    return divOp([left.astype("float32"), right.astype("float32")], undefined);
  return divOp([left, right], undefined);
}
