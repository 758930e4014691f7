// Elementwise functions of one tensor: the registry's rows (kernel, dtype policy, backward rule in
// tensor ops, one line of maths, gradient cases, PyTorch twin), then the public functions.
import { awayFromZero, unaryCase } from "./cases/elementwise-cases.js";
import { unary, unaryMask } from "./elementwise-op.js";
import type { Tensor } from "../tensor/tensor.js";
import type { OpFamily } from "./op-row.js";

type UnaryFn = (x: Tensor) => Tensor;

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const unaryOps = {
  neg: unary({
    kernel: "neg",
    ints: "keep int32",
    rule: "d/dx (−x) = −1",
    backward: (g) => [g.neg()],
    cases: [unaryCase((x) => neg(x))],
    torch: "torch.neg(a)",
  }),
  exp: unary({
    kernel: "exp",
    ints: "to float32",
    rule: "d/dx eˣ = eˣ",
    backward: (g, { output }) => [g.mul(output)],
    cases: [unaryCase((x) => exp(x))],
    torch: "torch.exp(a)",
  }),
  log: unary({
    kernel: "log",
    ints: "to float32",
    rule: "d/dx log x = 1/x",
    backward: (g, { inputs: [x] }) => [g.div(x)],
    cases: [unaryCase((x) => log(x), { low: 0.1, high: 3 })],
    torch: "torch.log(a)",
  }),
  sqrt: unary({
    kernel: "sqrt",
    ints: "to float32",
    rule: "d/dx √x = 1/(2√x)",
    backward: (g, { output }) => [g.div(output.mul(2))],
    cases: [unaryCase((x) => sqrt(x), { low: 0.1, high: 3 })],
    torch: "torch.sqrt(a)",
  }),
  abs: unary({
    kernel: "abs",
    ints: "keep int32",
    rule: "d/dx |x| = sign(x) (0 at 0 and at NaN, as PyTorch)",
    backward: (g, { inputs: [x] }) => [g.mul(sign(x))],
    cases: [unaryCase((x) => abs(x), awayFromZero())],
    torch: "torch.abs(a)",
  }),
  square: unary({
    kernel: "square",
    ints: "keep int32",
    rule: "d/dx x² = 2x",
    backward: (g, { inputs: [x] }) => [g.mul(x).mul(2)],
    cases: [unaryCase((x) => square(x))],
    torch: "torch.square(a)",
  }),
  sin: unary({
    kernel: "sin",
    ints: "to float32",
    rule: "d/dx sin x = cos x",
    backward: (g, { inputs: [x] }) => [g.mul(cos(x))],
    cases: [unaryCase((x) => sin(x), { low: -4, high: 4 })],
    torch: "torch.sin(a)",
  }),
  cos: unary({
    kernel: "cos",
    ints: "to float32",
    rule: "d/dx cos x = −sin x",
    backward: (g, { inputs: [x] }) => [g.mul(sin(x)).neg()],
    cases: [unaryCase((x) => cos(x), { low: -4, high: 4 })],
    torch: "torch.cos(a)",
  }),
  tanh: unary({
    kernel: "tanh",
    ints: "to float32",
    rule: "d/dx tanh x = 1 − tanh(x)²",
    backward: (g, { output }) => [g.mul(output.square().neg().add(1))],
    cases: [unaryCase((x) => tanh(x), { low: -3, high: 3 })],
    torch: "torch.tanh(a)",
  }),
  expm1: unary({
    kernel: "expm1",
    ints: "to float32",
    rule: "d/dx (eˣ − 1) = eˣ",
    backward: (g, { output }) => [g.mul(output.add(1))],
    cases: [unaryCase((x) => expm1(x), { low: -3, high: 3 })],
    torch: "torch.expm1(a)",
  }),
  log1p: unary({
    kernel: "log1p",
    ints: "to float32",
    rule: "d/dx log(1 + x) = 1/(1 + x)",
    backward: (g, { inputs: [x] }) => [g.div(x.add(1))],
    cases: [unaryCase((x) => log1p(x), { low: -0.8, high: 3 })],
    torch: "torch.log1p(a)",
  }),
  erf: unary({
    kernel: "erf",
    ints: "to float32",
    rule: "d/dx erf x = (2/√π)·e^(−x²)",
    backward: (g, { inputs: [x] }) => [g.mul(x.square().neg().exp().mul(TWO_OVER_SQRT_PI))],
    cases: [unaryCase((x) => erf(x), { low: -3, high: 3 })],
    torch: "torch.erf(a)",
  }),
  erfc: unary({
    kernel: "erfc",
    ints: "to float32",
    rule: "d/dx erfc x = −(2/√π)·e^(−x²)",
    backward: (g, { inputs: [x] }) => [g.mul(x.square().neg().exp().mul(-TWO_OVER_SQRT_PI))],
    cases: [unaryCase((x) => erfc(x), { low: -3, high: 3 })],
    torch: "torch.erfc(a)",
  }),
  sign: unaryMask("sign", "torch.sign(a)"),
} satisfies OpFamily;

/** −x elementwise (int32 stays int32). @example neg(tensor([1, -2])) // [-1, 2] */
export const neg: UnaryFn = unaryOps.neg.fn;
/** eˣ elementwise. @example exp(tensor([0, 1])) // [1, 2.718…] */
export const exp: UnaryFn = unaryOps.exp.fn;
/** Natural logarithm elementwise (NaN below 0, −∞ at 0). @example log(tensor([1, Math.E])) */
export const log: UnaryFn = unaryOps.log.fn;
/** √x elementwise. @example sqrt(tensor([4, 9])) // [2, 3] */
export const sqrt: UnaryFn = unaryOps.sqrt.fn;
/** |x| elementwise (int32 stays int32). @example abs(tensor([-1, 2])) // [1, 2] */
export const abs: UnaryFn = unaryOps.abs.fn;
/** x² elementwise (int32 stays int32). @example square(tensor([3])) // [9] */
export const square: UnaryFn = unaryOps.square.fn;
/** sin x elementwise. @example sin(tensor([0, Math.PI / 2])) */
export const sin: UnaryFn = unaryOps.sin.fn;
/** cos x elementwise. @example cos(tensor([0])) // [1] */
export const cos: UnaryFn = unaryOps.cos.fn;
/** tanh x elementwise. @example tanh(tensor([0, 1])) */
export const tanh: UnaryFn = unaryOps.tanh.fn;
/** eˣ − 1 elementwise, exact for small x. @example expm1(tensor([1e-10])) // [1e-10] */
export const expm1: UnaryFn = unaryOps.expm1.fn;
/** log(1 + x) elementwise, exact for small x. @example log1p(tensor([1e-10])) // [1e-10] */
export const log1p: UnaryFn = unaryOps.log1p.fn;
/** The error function (2/√π)∫₀ˣ e^(−t²) dt, to float64 rounding. @example erf(tensor([1])) // [0.8427…] */
export const erf: UnaryFn = unaryOps.erf.fn;
/** 1 − erf x, accurate where it is tiny. @example erfc(tensor([5])) // [1.537…e-12] */
export const erfc: UnaryFn = unaryOps.erfc.fn;
/**
 * −1, 0 or 1 by the sign of each element (not differentiable); sign(NaN) = 0, as in PyTorch.
 * @example sign(tensor([-2, 0, 3])) // [-1, 0, 1]
 */
export const sign: UnaryFn = unaryOps.sign.fn;
