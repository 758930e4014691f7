// Symbolic differentiation with light simplification, memoised per node so shared subtrees are derived once.
import { add, call, constant, div, mul, neg, pow, sub } from "./build.js";
import type { Expr } from "./expr.js";
import { foldExpr } from "./fold.js";

const isZero = (e: Expr): boolean => e.kind === "const" && e.value === 0;

/**
 * ∂expr/∂variable as a new expression, simplified lightly while it is built (0·a = 0, 1·a = a,
 * a + 0 = a, constant folding). The result shares subexpressions with `expr` and with itself, so its
 * DAG stays small even when its tree swells (see `expressionSwell`).
 * NOTE: relu′(a) is written relu(a)/a, which is NaN at a = 0, where relu has no derivative (backprop
 * picks the subgradient 0 there).
 * @example formatExpr(diff(parseExpression("x^3 + sin(x)"), "x")) // "3*x^2 + cos(x)"
 */
export function diff(expr: Expr, variable: string): Expr {
  return foldExpr<Expr>(expr, (node, [da, db]) => {
    // A subexpression free of `variable` differentiates to 0, whatever its value (even 0^0 or 1/0).
    if (da !== undefined && isZero(da) && (db === undefined || isZero(db))) return constant(0);
    switch (node.kind) {
      case "const":
        return constant(0);
      case "var":
        return constant(node.name === variable ? 1 : 0);
      case "unary":
        return mul(localDerivative(node.op, node.arg, node), da!);
      case "binary": {
        const { left: a, right: b } = node;
        switch (node.op) {
          case "+":
            // d(a + b) = a′ + b′
            return add(da!, db!);
          case "-":
            // d(a − b) = a′ − b′
            return sub(da!, db!);
          case "*":
            // d(a·b) = a′·b + a·b′
            return add(mul(da!, b), mul(a, db!));
          case "/":
            // d(a/b) = a′/b when b is constant, else (a′·b − a·b′)/b²
            if (isZero(db!)) return div(da!, b);
            return div(sub(mul(da!, b), mul(a, db!)), pow(b, constant(2)));
          case "^":
            // d(a^c) = c·a^(c−1)·a′ for constant c
            if (isZero(db!)) return mul(mul(b, pow(a, sub(b, constant(1)))), da!);
            // d(c^b) = c^b·log(c)·b′ for constant c
            if (isZero(da!)) return mul(mul(node, call("log", a)), db!);
            // d(a^b) = a^b·(b′·log(a) + b·a′/a)
            return mul(node, add(mul(db!, call("log", a)), div(mul(b, da!), a)));
        }
      }
    }
  });
}

/** f′(a) for the elementary function f; `node` is f(a) itself, reused where the rule mentions it. */
function localDerivative(op: UnaryOp, a: Expr, node: Expr): Expr {
  switch (op) {
    case "neg":
      // d/da (−a) = −1
      return constant(-1);
    case "exp":
      // d/da exp(a) = exp(a)
      return node;
    case "log":
      // d/da log(a) = 1/a
      return div(constant(1), a);
    case "sin":
      // d/da sin(a) = cos(a)
      return call("cos", a);
    case "cos":
      // d/da cos(a) = −sin(a)
      return neg(call("sin", a));
    case "tanh":
      // d/da tanh(a) = 1 − tanh(a)²
      return sub(constant(1), pow(node, constant(2)));
    case "sqrt":
      // d/da √a = 1/(2·√a)
      return div(constant(1), mul(constant(2), node));
    case "relu":
      // d/da relu(a) = relu(a)/a  (1 for a > 0, 0 for a < 0)
      return div(node, a);
    case "sigmoid":
      // d/da σ(a) = σ(a)·(1 − σ(a))
      return mul(node, sub(constant(1), node));
  }
}

type UnaryOp = Extract<Expr, { kind: "unary" }>["op"];
