// Fuzzing parseExpression: random, grammar-built, mutated and absurdly nested sources parse or throw ParseError.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { evaluate } from "../../src/symbolic/evaluate.js";
import { formatExpr } from "../../src/symbolic/format.js";
import { MAX_NESTING, parseExpression, ParseError } from "../../src/symbolic/parse.js";
import type { Expr } from "../../src/symbolic/expr.js";
import { anyExpr } from "../support/expr-arbitraries.js";
import { applyEdits, edits, stringOf, Tally } from "./fuzz-support.js";

const SEED = 80_801;
const tally = new Tally();

/** Parses `source`, failing on anything but an Expr or a ParseError whose column lies in the source. */
function parseOrReject(source: string): Expr | undefined {
  const outcome = tally.run(
    () => parseExpression(source),
    ParseError,
    (error) => {
      assert.ok(error.column >= 1 && error.column <= source.length + 1, error.message);
      assert.ok(error.message.startsWith(`parse error at column ${error.column}: `));
    },
  );
  return outcome.ok ? outcome.value : undefined;
}

const TOKENS = ["x", "y", "z1", "_", "1", "2.5", ".5", "7.", "1e3", "2E-2", "e", "E", "+", "-"]
  .concat(["*", "/", "^", "(", ")", ",", " ", "\t", "sin", "log(", "exp", "foo(", "sqrt("])
  .concat(["relu", "sigmoid(", "$", "\u00e9", "\u{1F600}", "1e", "1e+", "..", "\n"]);

test("random strings parse or throw ParseError", () => {
  const anyString = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "binary", maxLength: 30 }),
  );
  fc.assert(
    fc.property(anyString, (source) => void parseOrReject(source)),
    { seed: SEED, numRuns: 1500 },
  );
  fc.assert(
    fc.property(stringOf(TOKENS, 30), (source) => void parseOrReject(source)),
    { seed: SEED, numRuns: 2500 },
  );
});

/** IEEE 754 pow, which ^ follows: 1ʸ = 1 for any y and (−1)^±∞ = 1, where ** gives NaN. */
const ieeePower = (a: number, b: number): number =>
  a === 1 || (a === -1 && (b === Infinity || b === -Infinity)) ? 1 : a ** b;

/** Source text built from the grammar with its value at (x, y) = (0.7, 1.9), computed independently. */
interface Valued {
  readonly source: string;
  readonly value: number;
}
const X = 0.7;
const Y = 1.9;
const space = fc.constantFrom("", "", " ", "  ", "\t");
const FUNCTIONS: Record<string, (v: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sqrt: Math.sqrt,
  relu: (v) => Math.max(v, 0),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
};
const numberLiteral: fc.Arbitrary<Valued> = fc
  .tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom("plain", "exp", "fixed"))
  .map(([v, form]) => {
    const text = form === "exp" ? v.toExponential() : form === "fixed" ? v.toFixed(3) : String(v);
    return { source: text, value: Number(text) };
  });
const valued: fc.Arbitrary<Valued> = fc.letrec<{ node: Valued }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", maxDepth: 6 },
    numberLiteral,
    fc.constantFrom({ source: "x", value: X }, { source: "y", value: Y }),
    fc
      .tuple(space, tie("node"), space)
      .map(([a, n, b]) => ({ source: `(${a}${n.source}${b})`, value: n.value })),
    tie("node").map((n) => ({ source: `-(${n.source})`, value: -n.value })),
    fc
      .tuple(fc.constantFrom(...Object.keys(FUNCTIONS)), tie("node"), space)
      .map(([name, n, s]) => ({
        source: `${name}(${s}${n.source})`,
        value: FUNCTIONS[name]!(n.value),
      })),
    fc
      .tuple(fc.constantFrom("+", "-", "*", "/", "^"), tie("node"), tie("node"), space, space)
      .map(([op, a, b, s1, s2]) => ({
        source: `(${a.source})${s1}${op}${s2}(${b.source})`,
        value:
          { "+": a.value + b.value, "-": a.value - b.value, "*": a.value * b.value }[op as "+"] ??
          (op === "/" ? a.value / b.value : ieeePower(a.value, b.value)),
      })),
  ),
})).node;

test("grammar-built sources parse and evaluate to their reference value", () => {
  fc.assert(
    fc.property(valued, ({ source, value }) => {
      const expr = parseOrReject(source);
      assert.ok(expr !== undefined, `valid source rejected: ${source}`);
      assert.ok(Object.is(evaluate(expr, { x: X, y: Y }), value), source);
    }),
    { seed: SEED, numRuns: 1500 },
  );
  fc.assert(
    fc.property(anyExpr(6), (expr) => {
      const parsed = parseOrReject(formatExpr(expr));
      assert.deepEqual(parsed, expr);
    }),
    { seed: SEED, numRuns: 1000 },
  );
});

test("mutated valid sources parse or throw ParseError", () => {
  const mutated = fc
    .tuple(valued, edits(TOKENS))
    .map(([{ source }, changes]) => applyEdits(source, changes));
  fc.assert(
    fc.property(mutated, (source) => void parseOrReject(source)),
    { seed: SEED, numRuns: 3500 },
  );
});

test("10^5-deep nesting and 10^5-long lines: ParseError naming the depth, or a parse, never a stack overflow", () => {
  const n = 100_000;
  const deep = [
    "(".repeat(n) + "x" + ")".repeat(n),
    "-".repeat(n) + "x",
    "+".repeat(n) + "x",
    "sin(".repeat(n) + "x" + ")".repeat(n),
    Array.from({ length: n }, () => "x").join("^"),
    "(".repeat(n),
    "2^-".repeat(n) + "x",
  ];
  for (const source of deep) {
    const outcome = tally.run(() => parseExpression(source), ParseError);
    assert.ok(!outcome.ok);
    assert.match(outcome.error.message, new RegExp(`nested at most ${MAX_NESTING} levels deep`));
    assert.ok(outcome.error.column > MAX_NESTING && outcome.error.column <= source.length);
  }
  const within = "(".repeat(MAX_NESTING - 1) + "x" + ")".repeat(MAX_NESTING - 1);
  assert.deepEqual(parseOrReject(within), { kind: "var", name: "x" });
  const long = [
    Array.from({ length: n }, (_, i) => `x${i}`).join(" + "),
    Array.from({ length: n }, () => "x").join("*"),
    "9".repeat(n),
    "a".repeat(n),
    " ".repeat(n) + "x",
  ];
  for (const source of long) assert.ok(parseOrReject(source) !== undefined);
  assert.equal(parseOrReject("x".repeat(n) + " $"), undefined);
  assert.equal(parseOrReject("1" + "e".repeat(n)), undefined);
});

test("fuzz summary: at least 10,000 inputs", (t) => {
  assert.ok(tally.total >= 10_000, tally.summary("expression parser"));
  assert.ok(tally.parsed > 1000 && tally.rejected > 1000, tally.summary("expression parser"));
  t.diagnostic(tally.summary("expression parser"));
});
