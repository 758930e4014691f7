// The parser: precedence and associativity, numbers, error messages, deep nesting, round trips.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { binary, constant, unary, variable } from "../../src/symbolic/build.js";
import { formatExpr } from "../../src/symbolic/format.js";
import { parseExpression, ParseError } from "../../src/symbolic/parse.js";
import { anyExpr } from "../support/expr-arbitraries.js";

const x = variable("x");
const y = variable("y");

test("the lecture's expression parses with the usual precedence", () => {
  assert.deepEqual(
    parseExpression("log(x) + x*y - sin(y)"),
    binary("-", binary("+", unary("log", x), binary("*", x, y)), unary("sin", y)),
  );
});

test("^ is right-associative and binds tighter than unary minus", () => {
  const two = constant(2);
  const three = constant(3);
  assert.deepEqual(
    parseExpression("-x^2^3"),
    unary("neg", binary("^", x, binary("^", two, three))),
  );
  assert.deepEqual(parseExpression("2^-x"), binary("^", two, unary("neg", x)));
  assert.deepEqual(parseExpression("x - y - 2"), binary("-", binary("-", x, y), two));
  assert.deepEqual(parseExpression("x / y * 2"), binary("*", binary("/", x, y), two));
  assert.deepEqual(parseExpression("x + y * 2"), binary("+", x, binary("*", y, two)));
});

test("numbers: integers, decimals, exponents", () => {
  assert.deepEqual(parseExpression("1e-3"), constant(0.001));
  assert.deepEqual(parseExpression("2.5E+2"), constant(250));
  assert.deepEqual(parseExpression(".5"), constant(0.5));
  assert.deepEqual(parseExpression("7."), constant(7));
});

test("errors name the column, what was expected and what was found", () => {
  const cases: [string, string][] = [
    ["(x + 1", 'parse error at column 7: expected ")" but found end of input'],
    [
      "",
      'parse error at column 1: expected a number, a variable, a function call or "(" but found end of input',
    ],
    ["x y", 'parse error at column 3: expected an operator or end of input but found "y"'],
    ["sin x", 'parse error at column 5: expected "(" but found "x"'],
    [
      "x $ 1",
      'parse error at column 3: expected a number, a name, an operator or a parenthesis but found "$"',
    ],
    ["2e+ 1", 'parse error at column 4: expected digits of the exponent but found " "'],
    [
      "x * )",
      'parse error at column 5: expected a number, a variable, a function call or "(" but found ")"',
    ],
  ];
  for (const [source, message] of cases) {
    assert.throws(
      () => parseExpression(source),
      (error: unknown) => {
        assert.ok(error instanceof ParseError);
        assert.equal(error.message, message);
        return true;
      },
    );
  }
  assert.throws(() => parseExpression("foo(x)"), /column 1: expected a function \(exp, log/);
});

test("deep nesting parses; absurd nesting is a ParseError, not a stack overflow", () => {
  const depth = 900;
  assert.deepEqual(parseExpression("(".repeat(depth) + "x" + ")".repeat(depth)), x);
  let expected = x;
  for (let i = 0; i < depth; i++) expected = unary("sin", expected);
  assert.deepEqual(parseExpression("sin(".repeat(depth) + "x" + ")".repeat(depth)), expected);
  assert.throws(() => parseExpression("-".repeat(5000) + "x"), ParseError);
  const long = Array.from({ length: 50_000 }, (_, i) => `x${i}`).join(" + ");
  assert.equal(parseExpression(long).kind, "binary");
});

test("formatExpr then parseExpression gives back the same tree (random expressions)", () => {
  fc.assert(
    fc.property(anyExpr(), (e) => {
      assert.deepEqual(parseExpression(formatExpr(e)), e);
    }),
    { seed: 20240531, numRuns: 300 },
  );
});

test("regression (stack overflow under the nesting limit): a small stack gives a ParseError, not a RangeError", () => {
  // 1000 levels need ~0.7 MB of stack; a caller with less left used to get "Maximum call stack size exceeded".
  const parser = new URL("../../src/symbolic/parse.ts", import.meta.url).href;
  const script = `
    const { parseExpression, ParseError } = await import(${JSON.stringify(parser)});
    try { parseExpression("(".repeat(999) + "x" + ")".repeat(999)); console.log("parsed"); }
    catch (error) { console.log(error instanceof ParseError ? error.message : "not a ParseError: " + error); }`;
  const child = spawnSync(
    process.execPath,
    ["--stack-size=200", "--import", "tsx", "--input-type=module", "-e", script],
    { encoding: "utf8" },
  );
  assert.match(
    child.stdout,
    /^parse error at column \d+: expected an expression nested fewer than \d+ levels deep \(the call stack ran out\) but found "\("\n$/,
    child.stderr,
  );
});
