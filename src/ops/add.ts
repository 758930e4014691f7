// Elementwise sum with NumPy broadcasting.
import type { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define-op.js";
import { binaryKernel } from "./kernels.js";
import { toTensors, type Operand } from "./operands.js";

const addOp = defineOp<[Tensor, Tensor]>({
  name: "add",
  forward: ([a, b]) => binaryKernel("add", "add", a, b),
  // ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
  backward: (outputGrad) => [outputGrad, outputGrad],
});

/** a + b, broadcasting. @example add(x, 1) */
export const add = (a: Operand, b: Operand): Tensor => addOp(toTensors(a, b), undefined);
