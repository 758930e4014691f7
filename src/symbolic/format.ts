// Prints an expression as infix source with the fewest parentheses that parse back to the same tree.
import type { Expr } from "./expr.js";
import { foldExpr } from "./fold.js";

// Binding strength: sums < products < unary minus < powers < atoms (numbers, names, calls, parens).
const SUM = 1;
const PRODUCT = 2;
const SIGNED = 3;
const POWER = 4;
const ATOM = 5;

interface Printed {
  readonly text: string;
  readonly precedence: number;
}

const wrap = (printed: Printed, minimum: number): string =>
  printed.precedence >= minimum ? printed.text : `(${printed.text})`;

/**
 * Infix text for `expr` that `parseExpression` reads back as the same tree: `+ −` and `* /` are
 * left-associative (so a right operand of equal strength gets parentheses), `^` is right-associative
 * and its base must be an atom. Negative constants print like unary minus. Iterative, so deep trees
 * are safe; shared subtrees are printed once and reused.
 * @example formatExpr(parseExpression("(a - (b - c)) * x^2")) // "(a - (b - c))*x^2"
 */
export function formatExpr(expr: Expr): string {
  return foldExpr<Printed>(expr, (node, [first, second]) => {
    switch (node.kind) {
      case "const":
        return {
          text: String(node.value),
          precedence: node.value < 0 || Object.is(node.value, -0) ? SIGNED : ATOM,
        };
      case "var":
        return { text: node.name, precedence: ATOM };
      case "unary":
        if (node.op === "neg") return { text: `-${wrap(first!, SIGNED)}`, precedence: SIGNED };
        return { text: `${node.op}(${first!.text})`, precedence: ATOM };
      case "binary": {
        const left = first!;
        const right = second!;
        switch (node.op) {
          case "+":
          case "-":
            return {
              text: `${wrap(left, SUM)} ${node.op} ${wrap(right, SUM + 1)}`,
              precedence: SUM,
            };
          case "*":
          case "/":
            return {
              text: `${wrap(left, PRODUCT)}${node.op}${wrap(right, PRODUCT + 1)}`,
              precedence: PRODUCT,
            };
          case "^":
            return { text: `${wrap(left, ATOM)}^${wrap(right, SIGNED)}`, precedence: POWER };
        }
      }
    }
  }).text;
}
