// The elementary functions and operators as numbers: the one definition the evaluator, the lecture
// graph's vertex kinds and the scalar Value all compute with (NaN outside a domain, as in Math).
import { ieeePow } from "../math/special-functions.js";
import type { BinaryOperator, UnaryFunction } from "./expr.js";

/** The elementary functions of one argument. */
export const UNARY_FUNCTIONS: Readonly<Record<UnaryFunction, (x: number) => number>> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sqrt: Math.sqrt,
  relu: (x) => (x > 0 ? x : 0),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

/** The binary operators; ^ is IEEE 754 pow (1ʸ = 1 even for NaN y, where JavaScript's ** gives NaN). */
export const BINARY_OPERATORS: Readonly<Record<BinaryOperator, (a: number, b: number) => number>> =
  {
    "+": (a, b) => a + b,
    "-": (a, b) => a - b,
    "*": (a, b) => a * b,
    "/": (a, b) => a / b,
    "^": ieeePow,
  };
