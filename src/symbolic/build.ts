// Expression constructors: raw ones, and simplifying ones (0·a = 0, 1·a = a, a + 0 = a, constant folding).
import type { BinaryOperator, Expr, UnaryFunction } from "./expr.js";

/**
 * A numeric constant.
 * @example constant(2.5) // { kind: "const", value: 2.5 }
 */
export function constant(value: number): Expr {
  return { kind: "const", value };
}

/**
 * A named variable.
 * @example variable("x")
 */
export function variable(name: string): Expr {
  return { kind: "var", name };
}

/** A function application exactly as given (no simplification), e.g. `unary("sin", x)`. */
export function unary(op: UnaryFunction, arg: Expr): Expr {
  return { kind: "unary", op, arg };
}

/** A binary operation exactly as given (no simplification), e.g. `binary("*", x, y)`. */
export function binary(op: BinaryOperator, left: Expr, right: Expr): Expr {
  return { kind: "binary", op, left, right };
}

const isConst = (e: Expr, value?: number): e is { kind: "const"; value: number } =>
  e.kind === "const" && (value === undefined || e.value === value);

/** a + b, dropping zeros and folding constants. @example add(x, constant(0)) === x */
export function add(a: Expr, b: Expr): Expr {
  if (isConst(a) && isConst(b)) return constant(a.value + b.value);
  if (isConst(a, 0)) return b;
  if (isConst(b, 0)) return a;
  return binary("+", a, b);
}

/** a − b, with 0 − b = −b and a − 0 = a. @example sub(constant(0), x) // −x */
export function sub(a: Expr, b: Expr): Expr {
  if (isConst(a) && isConst(b)) return constant(a.value - b.value);
  if (isConst(b, 0)) return a;
  if (isConst(a, 0)) return neg(b);
  return binary("-", a, b);
}

/** a · b, with 0·a = 0, 1·a = a, (−1)·a = −a. @example mul(constant(1), x) === x */
export function mul(a: Expr, b: Expr): Expr {
  if (isConst(a) && isConst(b)) return constant(a.value * b.value);
  if (isConst(a, 0) || isConst(b, 0)) return constant(0);
  if (isConst(a, 1)) return b;
  if (isConst(b, 1)) return a;
  if (isConst(a, -1)) return neg(b);
  if (isConst(b, -1)) return neg(a);
  return binary("*", a, b);
}

/** a / b, with 0/b = 0 and a/1 = a. @example div(x, constant(1)) === x */
export function div(a: Expr, b: Expr): Expr {
  if (isConst(a) && isConst(b)) return constant(a.value / b.value);
  if (isConst(a, 0)) return constant(0);
  if (isConst(b, 1)) return a;
  return binary("/", a, b);
}

/** a ^ b, with a^0 = 1 and a^1 = a. @example pow(x, constant(1)) === x */
export function pow(a: Expr, b: Expr): Expr {
  if (isConst(a) && isConst(b)) return constant(a.value ** b.value);
  if (isConst(b, 0)) return constant(1);
  if (isConst(b, 1)) return a;
  return binary("^", a, b);
}

/** −a, folding constants and −(−a) = a. @example neg(neg(x)) === x */
export function neg(a: Expr): Expr {
  if (isConst(a)) return constant(-a.value);
  if (a.kind === "unary" && a.op === "neg") return a.arg;
  return unary("neg", a);
}

/**
 * f(a) for an elementary function. Transcendental functions of constants are kept symbolic (`cos(2)`
 * reads better than 17 digits); `neg` folds.
 * @example call("sin", variable("x"))
 */
export function call(op: UnaryFunction, arg: Expr): Expr {
  return op === "neg" ? neg(arg) : unary(op, arg);
}
