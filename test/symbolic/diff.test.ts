// diff checked against central differences of evaluate on random expressions, plus literal derivatives.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { numericalGrad } from "../../src/check/numerical-grad.js";
import { diff } from "../../src/symbolic/diff.js";
import { evaluate } from "../../src/symbolic/evaluate.js";
import { formatExpr } from "../../src/symbolic/format.js";
import { parseExpression } from "../../src/symbolic/parse.js";
import { dagSize, treeSize } from "../../src/symbolic/size.js";
import { smoothExpr } from "../support/expr-arbitraries.js";

const at = (source: string, variable: string, env: Record<string, number>): number =>
  evaluate(diff(parseExpression(source), variable), env);

test("random smooth expressions: diff agrees with central differences", () => {
  const point = fc.tuple(
    fc.double({ min: 0.5, max: 2, noNaN: true }),
    fc.double({ min: 0.5, max: 2, noNaN: true }),
  );
  fc.assert(
    fc.property(smoothExpr(), point, (e, [x, y]) => {
      const f = (v: Float64Array): number => evaluate(e, { x: v[0]!, y: v[1]! });
      fc.pre(Number.isFinite(f(Float64Array.of(x, y))) && Math.abs(f(Float64Array.of(x, y))) < 1e6);
      const numeric = numericalGrad(f, [x, y]);
      const symbolic = [evaluate(diff(e, "x"), { x, y }), evaluate(diff(e, "y"), { x, y })];
      symbolic.forEach((value, i) => {
        const expected = numeric[i]!;
        const tolerance = 1e-5 * Math.max(1, Math.abs(expected));
        assert.ok(
          Math.abs(value - expected) <= tolerance,
          `∂/∂${"xy"[i]} of ${formatExpr(e)} at (${x}, ${y}): symbolic ${value}, numeric ${expected}`,
        );
      });
    }),
    { seed: 424242, numRuns: 300 },
  );
});

test("the lecture's worked example: ∂f/∂x = 5.5, ∂f/∂y = 2 − cos 5 ≈ 1.7163", () => {
  const source = "log(x) + x*y - sin(y)";
  assert.ok(Math.abs(at(source, "x", { x: 2, y: 5 }) - 5.5) < 1e-15);
  assert.ok(Math.abs(at(source, "y", { x: 2, y: 5 }) - 1.7163378145367738) < 1e-15);
});

test("literal derivatives at points (values computed by hand)", () => {
  // d/dx x³ at 2 = 12; d/dx eˣ at 0 = 1; d/dx √x at 4 = 1/4; d/dx xˣ at 1 = 1; d/dx 2ˣ at 0 = ln 2
  assert.equal(at("x^3", "x", { x: 2 }), 12);
  assert.equal(at("exp(x)", "x", { x: 0 }), 1);
  assert.equal(at("sqrt(x)", "x", { x: 4 }), 0.25);
  assert.equal(at("x^x", "x", { x: 1 }), 1);
  assert.equal(at("2^x", "x", { x: 0 }), Math.LN2);
  // d/dx tanh at 0 = 1; σ′(0) = 1/4; relu′ = 1 right of 0 and 0 left of it
  assert.equal(at("tanh(x)", "x", { x: 0 }), 1);
  assert.equal(at("sigmoid(x)", "x", { x: 0 }), 0.25);
  assert.equal(at("relu(x)", "x", { x: 3 }), 1);
  assert.equal(Math.abs(at("relu(x)", "x", { x: -3 })), 0);
  // d/dy (x/y) at (3, 2) = −3/4; a variable that does not occur differentiates to 0
  assert.equal(at("x/y", "y", { x: 3, y: 2 }), -0.75);
  assert.equal(at("x*sin(x)", "z", { x: 1 }), 0);
});

test("light simplification keeps simple derivatives readable", () => {
  const d = (source: string): string => formatExpr(diff(parseExpression(source), "x"));
  assert.equal(d("log(x) + x*y - sin(y)"), "1/x + y");
  assert.equal(d("x^3 + sin(x)"), "3*x^2 + cos(x)");
  assert.equal(d("5*x + 2"), "5");
  assert.equal(d("y^2"), "0");
  assert.equal(d("exp(x)"), "exp(x)");
});

test("diff on a deep chain and on a shared DAG does not overflow and stays small", () => {
  let source = "x";
  for (let i = 0; i < 800; i++) source = `sin(${source})`;
  const chain = parseExpression(source);
  assert.ok(Number.isFinite(evaluate(diff(chain, "x"), { x: 0.5 })));
  assert.ok(dagSize(diff(chain, "x")) < 4 * dagSize(chain));
  assert.ok(treeSize(diff(chain, "x")) > 100 * treeSize(chain));
});
