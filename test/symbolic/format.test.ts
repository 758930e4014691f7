// formatExpr: minimal parentheses, negative constants, and deep trees.
import { test } from "node:test";
import assert from "node:assert/strict";
import { binary, constant, unary, variable } from "../../src/symbolic/build.js";
import type { Expr } from "../../src/symbolic/expr.js";
import { formatExpr } from "../../src/symbolic/format.js";
import { parseExpression } from "../../src/symbolic/parse.js";

const x = variable("x");

test("parentheses only where precedence or associativity needs them", () => {
  const sources = ["log(x) + x*y - sin(y)", "(a - (b - c))*x^2", "a - b - c", "a/(b*c)", "a/b*c"];
  sources.push("-x^2", "(-x)^2", "x^y^z", "(x^y)^z", "a - -b", "2^-x", "-(a + b)", "sqrt(a + b)^2");
  for (const source of sources) assert.equal(formatExpr(parseExpression(source)), source);
});

test("negative constants print like unary minus", () => {
  assert.equal(formatExpr(binary("^", constant(-2), x)), "(-2)^x");
  assert.equal(formatExpr(binary("*", x, constant(-2))), "x*-2");
  assert.equal(formatExpr(binary("-", x, constant(-0.5))), "x - -0.5");
  assert.equal(formatExpr(constant(1e-7)), "1e-7");
});

test("a 10⁵-deep expression prints without overflowing the stack", () => {
  let e: Expr = x;
  for (let i = 0; i < 100_000; i++) e = unary("exp", e);
  assert.equal(formatExpr(e), "exp(".repeat(100_000) + "x" + ")".repeat(100_000));
});
