// The library of vertex kinds: the elementary functions with their local derivatives, one rule per line.
import type { VertexKind } from "./vertex-kind.js";

/** A built-in kind of one argument, with calc and deriv also taking the number itself (no array). */
export interface UnaryKind extends VertexKind {
  readonly arity: 1;
  apply(a: number): number;
  slope(a: number): number;
  formatDeriv(names: readonly string[], i: number): string;
}

/** A built-in kind of two arguments, with calc and deriv also taking the numbers themselves. */
export interface BinaryKind extends VertexKind {
  readonly arity: 2;
  apply(a: number, b: number): number;
  slope(a: number, b: number, i: number): number;
  formatDeriv(names: readonly string[], i: number): string;
}

const unary = (
  name: string,
  apply: (a: number) => number,
  slope: (a: number) => number,
  slopeText: (a: string) => string,
  format = (names: readonly string[]) => `${name}(${names[0]})`,
): UnaryKind => ({
  name,
  arity: 1,
  apply,
  slope,
  calc: (inputs) => apply(inputs[0]!),
  deriv: (inputs) => slope(inputs[0]!),
  format,
  formatDeriv: (names) => slopeText(names[0]!),
});

const binary = (
  name: string,
  symbol: string,
  apply: (a: number, b: number) => number,
  slope: (a: number, b: number, i: number) => number,
  slopeText: (a: string, b: string, i: number) => string,
): BinaryKind => ({
  name,
  arity: 2,
  apply,
  slope,
  calc: (inputs) => apply(inputs[0]!, inputs[1]!),
  deriv: (inputs, i) => slope(inputs[0]!, inputs[1]!, i),
  format: ([a, b]) => `${a}${symbol}${b}`,
  formatDeriv: (names, i) => slopeText(names[0]!, names[1]!, i),
});

const sigmoidOf = (a: number): number => 1 / (1 + Math.exp(-a));

/**
 * The built-in vertex kinds. Each deriv is written next to its rule, then as text (`formatDeriv`;
 * relu's is the Iverson bracket `[a > 0]`); derivatives at kinks (relu at 0) take the value 0, as
 * micrograd does.
 * @example vertex(vertexKinds.mul, [x, y], "v") // v = x·y
 */
export const vertexKinds = {
  // ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1
  add: binary(
    "add",
    " + ",
    (a, b) => a + b,
    () => 1,
    () => "1",
  ),
  // ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1
  sub: binary(
    "sub",
    " − ",
    (a, b) => a - b,
    (_a, _b, i) => (i === 0 ? 1 : -1),
    (_a, _b, i) => (i === 0 ? "1" : "−1"),
  ),
  // ∂(a·b)/∂a = b, ∂(a·b)/∂b = a
  mul: binary(
    "mul",
    "·",
    (a, b) => a * b,
    (a, b, i) => (i === 0 ? b : a),
    (a, b, i) => (i === 0 ? b : a),
  ),
  // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²
  div: binary(
    "div",
    " / ",
    (a, b) => a / b,
    (a, b, i) => (i === 0 ? 1 / b : -a / (b * b)),
    (a, b, i) => (i === 0 ? `1/${b}` : `−${a}/${b}²`),
  ),
  // ∂(aᵇ)/∂a = b·aᵇ⁻¹, ∂(aᵇ)/∂b = aᵇ·ln a
  pow: binary(
    "pow",
    "^",
    (a, b) => a ** b,
    (a, b, i) => (i === 0 ? b * a ** (b - 1) : a ** b * Math.log(a)),
    (a, b, i) => (i === 0 ? `${b}·${a}^(${b} − 1)` : `${a}^${b}·log(${a})`),
  ),
  // d(−a)/da = −1
  neg: unary(
    "neg",
    (a) => -a,
    () => -1,
    () => "−1",
    ([a]) => `−${a}`,
  ),
  // d(eᵃ)/da = eᵃ
  exp: unary("exp", Math.exp, Math.exp, (a) => `exp(${a})`),
  // d(ln a)/da = 1/a
  log: unary(
    "log",
    Math.log,
    (a) => 1 / a,
    (a) => `1/${a}`,
  ),
  // d(sin a)/da = cos a
  sin: unary("sin", Math.sin, Math.cos, (a) => `cos(${a})`),
  // d(cos a)/da = −sin a
  cos: unary(
    "cos",
    Math.cos,
    (a) => -Math.sin(a),
    (a) => `−sin(${a})`,
  ),
  // d(tanh a)/da = 1 − tanh² a
  tanh: unary(
    "tanh",
    Math.tanh,
    (a) => 1 - Math.tanh(a) ** 2,
    (a) => `1 − tanh(${a})²`,
  ),
  // d(max(a, 0))/da = 1 for a > 0, else 0
  relu: unary(
    "relu",
    (a) => (a > 0 ? a : 0),
    (a) => (a > 0 ? 1 : 0),
    (a) => `[${a} > 0]`,
  ),
  // dσ(a)/da = σ(a)·(1 − σ(a))
  sigmoid: unary(
    "sigmoid",
    sigmoidOf,
    (a) => sigmoidOf(a) * (1 - sigmoidOf(a)),
    (a) => `sigmoid(${a})·(1 − sigmoid(${a}))`,
  ),
  // d(√a)/da = 1/(2√a)
  sqrt: unary(
    "sqrt",
    Math.sqrt,
    (a) => 0.5 / Math.sqrt(a),
    (a) => `1/(2·sqrt(${a}))`,
  ),
} as const satisfies Record<string, VertexKind>;

/** The name of a built-in vertex kind. */
export type VertexKindName = keyof typeof vertexKinds;
