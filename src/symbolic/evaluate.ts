// Evaluates an expression at a point; each shared subexpression is computed once.
import { BINARY_OPERATORS, UNARY_FUNCTIONS } from "./elementary.js";
import type { Expr } from "./expr.js";
import { foldExpr } from "./fold.js";

/** Variable values: a plain record (`{ x: 2, y: 5 }`) or a map. */
export type Environment = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export { UNARY_FUNCTIONS };

function lookup(env: Environment, name: string): number {
  const value =
    env instanceof Map
      ? (env as ReadonlyMap<string, number>).get(name)
      : Object.hasOwn(env, name)
        ? (env as Readonly<Record<string, number>>)[name]
        : undefined;
  if (value === undefined) {
    const bound = env instanceof Map ? [...env.keys()] : Object.keys(env);
    throw new Error(
      `evaluate: variable "${name}" is not bound (bound: ${bound.length > 0 ? bound.join(", ") : "none"})`,
    );
  }
  return value;
}

/**
 * The value of `expr` with its variables taken from `env`. Throws for a variable `env` lacks;
 * returns NaN (does not throw) outside a function's domain, e.g. log of a negative number.
 * @example evaluate(parseExpression("log(x) + x*y - sin(y)"), { x: 2, y: 5 }) // ≈ 11.652
 */
export function evaluate(expr: Expr, env: Environment): number {
  return foldExpr<number>(expr, (node, [a, b]) => {
    switch (node.kind) {
      case "const":
        return node.value;
      case "var":
        return lookup(env, node.name);
      case "unary":
        return UNARY_FUNCTIONS[node.op](a!);
      case "binary":
        return BINARY_OPERATORS[node.op](a!, b!);
    }
  });
}
