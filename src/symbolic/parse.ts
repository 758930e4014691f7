// Recursive-descent parser for expressions: numbers, variables, + − * / ^, unary minus, calls.
import { binary, constant, unary, variable } from "./build.js";
import type { BinaryOperator, Expr, UnaryFunction } from "./expr.js";
import { ParseError } from "./parse-error.js";
import { tokenize, type Token } from "./tokenize.js";

export { ParseError } from "./parse-error.js";

/** Names callable as `name(argument)`. */
export const FUNCTION_NAMES: readonly UnaryFunction[] = [
  "exp",
  "log",
  "sin",
  "cos",
  "tanh",
  "sqrt",
  "relu",
  "sigmoid",
];

/** Deeper nesting (parentheses, unary minus, powers) is refused rather than overflowing the stack. */
export const MAX_NESTING = 1000;

/**
 * Parses infix source into an `Expr`. Precedence as in maths: `^` (right-associative) binds tighter
 * than unary minus (`-x^2` is −(x²)), which binds tighter than `* /`, then `+ −` (left-associative).
 * Throws `ParseError` naming the column, what was expected and what was found.
 * @example parseExpression("log(x) + x*y - sin(y)")
 */
export function parseExpression(source: string): Expr {
  const parser = new Parser(tokenize(source));
  try {
    const expr = parser.sum();
    parser.expectEnd();
    return expr;
  } catch (error) {
    // Nothing in the parser throws RangeError but a stack overflow: when the caller left less stack
    // than MAX_NESTING levels need, the input is refused the same way as deeper nesting.
    if (error instanceof RangeError) parser.stackRanOut();
    throw error;
  }
}

class Parser {
  private position = 0;
  private depth = 0;
  private deepest = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.type === "punct" && token.text === text;
  }

  private fail(expected: string): never {
    const token = this.peek();
    const found = token.type === "end" ? "end of input" : `"${token.text}"`;
    throw new ParseError(token.column, expected, found);
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail(`"${text}"`);
    this.position++;
  }

  /** The ParseError for a stack overflow: the deepest nesting reached, at the token where it ran out. */
  stackRanOut(): never {
    this.fail(
      `an expression nested fewer than ${this.deepest} levels deep (the call stack ran out)`,
    );
  }

  expectEnd(): void {
    if (this.peek().type !== "end") this.fail("an operator or end of input");
  }

  /** sum := product (("+" | "-") product)* */
  sum(): Expr {
    let left = this.product();
    while (this.isPunct("+") || this.isPunct("-")) {
      const op = this.tokens[this.position++]!.text as BinaryOperator;
      left = binary(op, left, this.product());
    }
    return left;
  }

  /** product := signed (("*" | "/") signed)* */
  private product(): Expr {
    let left = this.signed();
    while (this.isPunct("*") || this.isPunct("/")) {
      const op = this.tokens[this.position++]!.text as BinaryOperator;
      left = binary(op, left, this.signed());
    }
    return left;
  }

  /** signed := "-" signed | "+" signed | power   (the only place that nests, so depth is counted here) */
  private signed(): Expr {
    this.deepest = Math.max(this.deepest, ++this.depth);
    if (this.depth > MAX_NESTING) {
      this.fail(`an expression nested at most ${MAX_NESTING} levels deep`);
    }
    try {
      if (this.isPunct("-")) {
        this.position++;
        return unary("neg", this.signed());
      }
      if (this.isPunct("+")) {
        this.position++;
        return this.signed();
      }
      return this.power();
    } finally {
      this.depth--;
    }
  }

  /** power := primary ("^" signed)?   (right-associative: the exponent may itself be a power) */
  private power(): Expr {
    const base = this.primary();
    if (!this.isPunct("^")) return base;
    this.position++;
    return binary("^", base, this.signed());
  }

  /** primary := number | variable | function "(" sum ")" | "(" sum ")" */
  private primary(): Expr {
    const token = this.peek();
    if (token.type === "number") {
      this.position++;
      return constant(token.value);
    }
    if (token.type === "name") {
      this.position++;
      const fn = FUNCTION_NAMES.find((name) => name === token.text);
      if (fn === undefined) {
        if (this.isPunct("(")) {
          throw new ParseError(
            token.column,
            `a function (${FUNCTION_NAMES.join(", ")})`,
            `"${token.text}"`,
          );
        }
        return variable(token.text);
      }
      this.expectPunct("(");
      const arg = this.sum();
      this.expectPunct(")");
      return unary(fn, arg);
    }
    if (this.isPunct("(")) {
      this.position++;
      const inner = this.sum();
      this.expectPunct(")");
      return inner;
    }
    return this.fail('a number, a variable, a function call or "("');
  }
}
