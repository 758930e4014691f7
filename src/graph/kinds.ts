// The library of vertex kinds: the elementary functions with their local derivatives, one rule per line.
// The values come from symbolic/elementary.ts (shared with the evaluator); the derivatives are
// written here as numbers because Value's sweep needs them fast, and in symbolic/diff.ts as
// expressions because diff must return an expression — a test checks the two agree everywhere.
import { ieeePow } from "../math/special-functions.js";
import { BINARY_OPERATORS, UNARY_FUNCTIONS } from "../symbolic/elementary.js";
import type { VertexKind } from "./vertex-kind.js";

/** A built-in kind of one argument, with calc and deriv also taking the number itself (no array). */
export interface UnaryKind extends VertexKind {
  readonly arity: 1;
  /** calc at the point a: calc([a]) without the array. */
  calcAt(a: number): number;
  /** deriv at the point a: deriv([a], 0) without the array. */
  derivAt(a: number): number;
  formatDeriv(names: readonly string[], i: number): string;
}

/** A built-in kind of two arguments, with calc and deriv also taking the numbers themselves. */
export interface BinaryKind extends VertexKind {
  readonly arity: 2;
  /** calc at the point (a, b): calc([a, b]) without the array. */
  calcAt(a: number, b: number): number;
  /** ∂calc/∂(input i) at the point (a, b). */
  derivAt(a: number, b: number, i: number): number;
  formatDeriv(names: readonly string[], i: number): string;
}

const unary = (
  name: keyof typeof UNARY_FUNCTIONS,
  derivAt: (a: number) => number,
  derivText: (a: string) => string,
  format = (names: readonly string[]) => `${name}(${names[0]})`,
): UnaryKind => {
  const calcAt = UNARY_FUNCTIONS[name];
  return {
    name,
    arity: 1,
    calcAt,
    derivAt,
    calc: (inputs) => calcAt(inputs[0]!),
    deriv: (inputs) => derivAt(inputs[0]!),
    format,
    formatDeriv: (names) => derivText(names[0]!),
  };
};

const binary = (
  name: string,
  symbol: string,
  calcAt: (a: number, b: number) => number,
  derivAt: (a: number, b: number, i: number) => number,
  derivText: (a: string, b: string, i: number) => string,
): BinaryKind => ({
  name,
  arity: 2,
  calcAt,
  derivAt,
  calc: (inputs) => calcAt(inputs[0]!, inputs[1]!),
  deriv: (inputs, i) => derivAt(inputs[0]!, inputs[1]!, i),
  format: ([a, b]) => `${a}${symbol}${b}`,
  formatDeriv: (names, i) => derivText(names[0]!, names[1]!, i),
});

/**
 * The built-in vertex kinds. Each deriv is written next to its rule, then as text (`formatDeriv`;
 * relu's is the Iverson bracket `[a > 0]`); derivatives at kinks (relu at 0) take the value 0, as
 * micrograd and PyTorch do, and pow's at base 0 follow PyTorch (0⁰ has slope 0 in both inputs).
 * @example vertex(vertexKinds.mul, [x, y], "v") // v = x·y
 */
export const vertexKinds = {
  // ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
  add: binary(
    "add",
    " + ",
    BINARY_OPERATORS["+"],
    () => 1,
    () => "1",
  ),
  // ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1
  sub: binary(
    "sub",
    " − ",
    BINARY_OPERATORS["-"],
    (_a, _b, i) => (i === 0 ? 1 : -1),
    (_a, _b, i) => (i === 0 ? "1" : "−1"),
  ),
  // ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
  mul: binary(
    "mul",
    "·",
    BINARY_OPERATORS["*"],
    (a, b, i) => (i === 0 ? b : a),
    (a, b, i) => (i === 0 ? b : a),
  ),
  // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −(a/b)/b (not −a/b²: b² underflows where the quotient is finite)
  div: binary(
    "div",
    " / ",
    BINARY_OPERATORS["/"],
    (a, b, i) => (i === 0 ? 1 / b : -(a / b) / b),
    (a, b, i) => (i === 0 ? `1/${b}` : `−${a}/${b}²`),
  ),
  // ∂(aᵇ)/∂a = b·aᵇ⁻¹ (0 where b = 0), ∂(aᵇ)/∂b = aᵇ·ln a (0 where a = 0 and b ≥ 0)
  pow: binary(
    "pow",
    "^",
    BINARY_OPERATORS["^"],
    (a, b, i) =>
      i === 0
        ? b === 0
          ? 0
          : b * ieeePow(a, b - 1)
        : a === 0 && b >= 0
          ? 0
          : ieeePow(a, b) * Math.log(a),
    (a, b, i) => (i === 0 ? `${b}·${a}^(${b} − 1)` : `${a}^${b}·log(${a})`),
  ),
  // d(−a)/da = −1
  neg: unary(
    "neg",
    () => -1,
    () => "−1",
    ([a]) => `−${a}`,
  ),
  // d(eᵃ)/da = eᵃ
  exp: unary("exp", Math.exp, (a) => `exp(${a})`),
  // d(ln a)/da = 1/a
  log: unary(
    "log",
    (a) => 1 / a,
    (a) => `1/${a}`,
  ),
  // d(sin a)/da = cos a
  sin: unary("sin", Math.cos, (a) => `cos(${a})`),
  // d(cos a)/da = −sin a
  cos: unary(
    "cos",
    (a) => -Math.sin(a),
    (a) => `−sin(${a})`,
  ),
  // d(tanh a)/da = 1 − tanh² a
  tanh: unary(
    "tanh",
    (a) => 1 - Math.tanh(a) ** 2,
    (a) => `1 − tanh(${a})²`,
  ),
  // d(max(a, 0))/da = 1 for a > 0, else 0
  relu: unary(
    "relu",
    (a) => (a > 0 ? 1 : 0),
    (a) => `[${a} > 0]`,
  ),
  // dσ(a)/da = σ(a)·(1 − σ(a))
  sigmoid: unary(
    "sigmoid",
    (a) => UNARY_FUNCTIONS.sigmoid(a) * (1 - UNARY_FUNCTIONS.sigmoid(a)),
    (a) => `sigmoid(${a})·(1 − sigmoid(${a}))`,
  ),
  // d(√a)/da = 1/(2√a)
  sqrt: unary(
    "sqrt",
    (a) => 0.5 / Math.sqrt(a),
    (a) => `1/(2·sqrt(${a}))`,
  ),
} as const satisfies Record<string, VertexKind>;

/** The name of a built-in vertex kind. */
export type VertexKindName = keyof typeof vertexKinds;
