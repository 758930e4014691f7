// Elementwise functions of one tensor, each with its derivative rule.
import type { UnaryKernel } from "../backend/backend.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp, type OpContext } from "./define-op.js";
import { unaryKernel } from "./kernels.js";

type Rule = (
  outputGrad: Tensor,
  context: OpContext<[Tensor], undefined>,
) => readonly (Tensor | null)[];

function elementwise(kernel: UnaryKernel, backward: Rule | "none"): (x: Tensor) => Tensor {
  const op = defineOp<[Tensor]>({
    name: kernel,
    forward: ([x]) => unaryKernel(kernel, floatInput(x)),
    backward,
  });
  return (x) => op([x], undefined);
}

function floatInput(x: Tensor): Tensor {
  return x.dtype === "int32" ? x.astype("float32") : x;
}

// d/dx (−x) = −1
export const neg = elementwise("neg", (g) => [g.neg()]);
// d/dx eˣ = eˣ
export const exp = elementwise("exp", (g, { output }) => [g.mul(output)]);
// d/dx log x = 1/x
export const log = elementwise("log", (g, { inputs: [x] }) => [g.div(x)]);
