// The elementwise and reduction kernels by name: the one list every backend is matched against. Each
// elementwise kernel is written once here on one number (the js reference runs these definitions);
// the kernel types derive from the keys, and the native addon is matched to them by name at load.
import { erf, erfc, ieeePow, sigmoid } from "../math/special-functions.js";

/** A unary kernel on one number; `alpha` is the kernel's parameter (elu's α, leakyRelu's slope). */
export type UnaryDefinition = (x: number, alpha: number) => number;
/** A binary kernel on two numbers. */
export type BinaryDefinition = (a: number, b: number) => number;

const SQRT_HALF = Math.SQRT1_2;
const SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

/** log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), finite for every finite x. */
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/**
 * The unary kernels. NOTE on NaN (PyTorch's conventions): relu passes NaN through, sign(NaN) = 0,
 * reluMask(NaN) = 1 (relu′(NaN) = 1, as PyTorch's threshold_backward gives).
 */
export const UNARY_KERNELS = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid,
  relu: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  reluMask: (x) => (x > 0 || Number.isNaN(x) ? 1 : 0),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  floor: Math.floor,
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
  expm1: Math.expm1,
  log1p: Math.log1p,
  erf,
  erfc,
  // x·Φ(x) with Φ(x) = ½·erfc(−x/√2): no cancellation for negative x
  gelu: (x) => 0.5 * x * erfc(-x * SQRT_HALF),
  // ½x(1 + tanh u) written x·σ(2u): the same value without 1 + tanh u cancelling for negative x
  geluTanh: (x) => x * sigmoid(2 * SQRT_TWO_OVER_PI * (x + 0.044715 * x * x * x)),
  silu: (x) => x * sigmoid(x),
  softplus,
  logSigmoid: (x) => Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x))),
  elu: (x, alpha) => (x > 0 ? x : alpha * Math.expm1(x)),
  leakyRelu: (x, alpha) => (x > 0 ? x : alpha * x),
} as const satisfies Record<string, UnaryDefinition>;

/** The binary kernels (comparisons give 0/1). maximum/minimum propagate a NaN from either side. */
export const BINARY_KERNELS = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: ieeePow,
  maximum: (a, b) => (a >= b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a <= b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  // relu's backward in one pass: g where x > 0 or x is NaN, else 0 (PyTorch's threshold_backward)
  reluBackward: (g, x) => (x > 0 || Number.isNaN(x) ? g : 0),
} as const satisfies Record<string, BinaryDefinition>;

/** The reductions along axes. */
export const REDUCE_KERNEL_NAMES = ["sum", "max", "min", "prod"] as const;

export type UnaryKernel = keyof typeof UNARY_KERNELS;
export type BinaryKernel = keyof typeof BINARY_KERNELS;
export type ReduceKernel = (typeof REDUCE_KERNEL_NAMES)[number];

/** Every unary kernel's name, in the order above. */
export const UNARY_KERNEL_NAMES = Object.keys(UNARY_KERNELS) as readonly UnaryKernel[];
/** Every binary kernel's name, in the order above. */
export const BINARY_KERNEL_NAMES = Object.keys(BINARY_KERNELS) as readonly BinaryKernel[];
