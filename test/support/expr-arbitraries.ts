// fast-check generators of random expressions over the variables x and y (smooth near the test points).
import fc from "fast-check";
import { binary, constant, unary, variable } from "../../src/symbolic/build.js";
import type { BinaryOperator, Expr, UnaryFunction } from "../../src/symbolic/expr.js";

const ALL_FUNCTIONS: UnaryFunction[] = [
  "neg",
  "exp",
  "log",
  "sin",
  "cos",
  "tanh",
  "sqrt",
  "relu",
  "sigmoid",
];
const ALL_OPERATORS: BinaryOperator[] = ["+", "-", "*", "/", "^"];

/** Any expression tree (any operator, non-negative constants so printing is unambiguous). */
export function anyExpr(maxDepth = 5): fc.Arbitrary<Expr> {
  const leaf = fc.oneof(
    fc.constantFrom("x", "y", "z1").map(variable),
    fc
      .double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true })
      .filter((v) => !Object.is(v, -0))
      .map(constant),
    fc.integer({ min: 0, max: 20 }).map(constant),
  );
  const { node } = fc.letrec<{ node: Expr }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", maxDepth, withCrossShrink: true },
      leaf,
      fc.tuple(fc.constantFrom(...ALL_FUNCTIONS), tie("node")).map(([op, arg]) => unary(op, arg)),
      fc
        .tuple(fc.constantFrom(...ALL_OPERATORS), tie("node"), tie("node"))
        .map(([op, left, right]) => binary(op, left, right)),
    ),
  }));
  return node;
}

/**
 * Expressions that are smooth (far from kinks, poles and domain edges) for x, y in [0.5, 2]:
 * log/sqrt of exp(·) or of a sum of squares plus one, no division by anything that can vanish.
 */
export function smoothExpr(maxDepth = 4): fc.Arbitrary<Expr> {
  const leaf = fc.oneof(
    fc.constantFrom("x", "y").map(variable),
    fc.double({ min: -3, max: 3, noNaN: true }).map(constant),
  );
  const positive = (e: Expr): Expr => binary("+", constant(1), binary("*", e, e));
  const { node } = fc.letrec<{ node: Expr }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", maxDepth, withCrossShrink: true },
      leaf,
      fc
        .tuple(fc.constantFrom<UnaryFunction>("neg", "sin", "cos", "tanh", "sigmoid"), tie("node"))
        .map(([op, arg]) => unary(op, arg)),
      tie("node").map((arg) => unary("exp", unary("tanh", arg))),
      fc
        .tuple(fc.constantFrom<UnaryFunction>("log", "sqrt"), tie("node"))
        .map(([op, arg]) => unary(op, positive(arg))),
      fc
        .tuple(fc.constantFrom<BinaryOperator>("+", "-", "*"), tie("node"), tie("node"))
        .map(([op, left, right]) => binary(op, left, right)),
      fc.tuple(tie("node"), tie("node")).map(([a, b]) => binary("/", a, positive(b))),
      fc
        .tuple(tie("node"), fc.integer({ min: 0, max: 3 }))
        .map(([a, n]) => binary("^", a, constant(n))),
      tie("node").map((b) => binary("^", positive(unary("sin", variable("x"))), unary("tanh", b))),
    ),
  }));
  return node;
}
