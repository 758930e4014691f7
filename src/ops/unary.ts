// Elementwise functions of one tensor, each with its derivative rule written in tensor ops.
import type { UnaryKernel } from "../backend/backend.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp, type OpContext } from "./define-op.js";
import { unaryKernel } from "./kernels.js";

type Rule = (
  outputGrad: Tensor,
  context: OpContext<[Tensor], undefined>,
) => readonly (Tensor | null)[];

/** Whether an int32 input keeps its dtype (exact on integers) or becomes float32 (transcendental). */
type IntPolicy = "keep int32" | "to float32";

function elementwise(
  kernel: UnaryKernel,
  intPolicy: IntPolicy,
  backward: Rule | "none",
): (x: Tensor) => Tensor {
  const op = defineOp<[Tensor]>({
    name: kernel,
    forward: ([x]) => unaryKernel(kernel, x),
    backward,
  });
  return (x) =>
    op([intPolicy === "to float32" && x.dtype === "int32" ? x.astype("float32") : x], undefined);
}

/** −1, 0 or 1 by the sign of each element (not differentiable). @example sign(tensor([-2, 0, 3])) */
export const sign = elementwise("sign", "keep int32", "none");
/** 1 where x > 0, else 0: the mask of relu's derivative (not differentiable). */
export const step = elementwise("step", "keep int32", "none");

/** −x elementwise (int32 stays int32). @example neg(tensor([1, -2])) */
// d/dx (−x) = −1
export const neg = elementwise("neg", "keep int32", (g) => [g.neg()]);

/** eˣ elementwise. @example exp(tensor([0, 1])) */
// d/dx eˣ = eˣ
export const exp = elementwise("exp", "to float32", (g, { output }) => [g.mul(output)]);

/** Natural logarithm elementwise. @example log(tensor([1, Math.E])) */
// d/dx log x = 1/x
export const log = elementwise("log", "to float32", (g, { inputs: [x] }) => [g.div(x)]);

/** √x elementwise. @example sqrt(tensor([4, 9])) */
// d/dx √x = 1/(2√x)
export const sqrt = elementwise("sqrt", "to float32", (g, { output }) => [g.div(output.mul(2))]);

/** |x| elementwise (int32 stays int32). @example abs(tensor([-1, 2])) */
// d/dx |x| = sign(x)
export const abs = elementwise("abs", "keep int32", (g, { inputs: [x] }) => [g.mul(sign(x))]);

/** x² elementwise (int32 stays int32). @example square(tensor([3])) */
// d/dx x² = 2x
export const square = elementwise("square", "keep int32", (g, { inputs: [x] }) => [
  g.mul(x).mul(2),
]);

/** sin x elementwise. @example sin(tensor([0, Math.PI / 2])) */
// d/dx sin x = cos x
export const sin = elementwise("sin", "to float32", (g, { inputs: [x] }) => [g.mul(cos(x))]);

/** cos x elementwise. @example cos(tensor([0])) */
// d/dx cos x = −sin x
export const cos = elementwise("cos", "to float32", (g, { inputs: [x] }) => [g.mul(sin(x)).neg()]);

/** tanh x elementwise. @example tanh(tensor([0, 1])) */
// d/dx tanh x = 1 − tanh(x)²
export const tanh = elementwise("tanh", "to float32", (g, { output }) => [
  g.mul(output.square().neg().add(1)),
]);

/** The logistic function σ(x) = 1/(1 + e⁻ˣ), stable for large |x|. @example sigmoid(tensor([0])) */
// d/dx σ(x) = σ(x)·(1 − σ(x))
export const sigmoid = elementwise("sigmoid", "to float32", (g, { output }) => [
  g.mul(output).mul(output.neg().add(1)),
]);

/** max(x, 0) elementwise (int32 stays int32). @example relu(tensor([-1, 2])) */
// d/dx relu(x) = step(x) (NOTE: 0 at the kink x = 0, as in PyTorch)
export const relu = elementwise("relu", "keep int32", (g, { inputs: [x] }) => [g.mul(step(x))]);
