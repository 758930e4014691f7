// Expression swell: the derivative tree doubles per step while DAGs and backprop grow linearly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { numericalGrad } from "../../src/check/numerical-grad.js";
import { diff } from "../../src/symbolic/diff.js";
import { evaluate } from "../../src/symbolic/evaluate.js";
import {
  expressionSwell,
  fittedGrowth,
  swellExpression,
} from "../../src/symbolic/expression-swell.js";
import { formatExpr } from "../../src/symbolic/format.js";

const rows = expressionSwell(30);

test("the family: f₃ = sin(f₂)·cos(f₂) with f₂ = sin(x)·cos(x)", () => {
  assert.equal(formatExpr(swellExpression(3)), "sin(sin(x)*cos(x))*cos(sin(x)*cos(x))");
  assert.throws(() => swellExpression(0), /k must be an integer ≥ 1/);
});

test("the derivative tree's growth ratio per step tends to 2", () => {
  const ratios = rows.slice(1).map((row) => row.growthRatio);
  for (let i = 1; i < ratios.length; i++) assert.ok(ratios[i]! < ratios[i - 1]!, "ratios decrease");
  assert.ok(ratios.every((ratio) => ratio > 2));
  assert.ok(ratios[ratios.length - 1]! < 2.1);
  const fitted = fittedGrowth(rows.slice(15), (row) => row.derivativeTreeSize);
  assert.ok(fitted > 1.9 && fitted < 2.2, `fitted ${fitted}`);
});

test("DAG sizes and backprop vertices grow by a constant per step", () => {
  for (let i = 2; i < rows.length; i++) {
    const [row, previous] = [rows[i]!, rows[i - 1]!];
    assert.equal(row.backpropVertices - previous.backpropVertices, 3);
    assert.equal(row.derivativeDagSize - previous.derivativeDagSize, 9);
    assert.equal(row.expressionTreeSize, 2 * previous.expressionTreeSize + 3);
  }
  const last = rows[rows.length - 1]!;
  assert.equal(last.backpropVertices, 3 * 30 - 2);
  assert.ok(last.derivativeTreeSize > 1e11 && last.derivativeDagSize < 300);
});

test("the swollen derivative is still correct (checked against central differences)", () => {
  const f = swellExpression(12);
  const derivative = diff(f, "x");
  for (const x of [0.3, 1.1]) {
    const [numeric] = numericalGrad((v) => evaluate(f, { x: v[0]! }), [x]);
    assert.ok(Math.abs(evaluate(derivative, { x }) - numeric!) < 1e-7);
  }
});
