// evaluate: the lecture's value, environments as records and maps, unbound variables, domain errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { binary, variable } from "../../src/symbolic/build.js";
import { evaluate } from "../../src/symbolic/evaluate.js";
import { parseExpression } from "../../src/symbolic/parse.js";

test("the lecture's forward value f(2, 5) = log 2 + 10 − sin 5 ≈ 11.652", () => {
  const f = parseExpression("log(x) + x*y - sin(y)");
  assert.equal(evaluate(f, { x: 2, y: 5 }), 11.652071455223084);
  assert.equal(
    evaluate(
      f,
      new Map([
        ["x", 2],
        ["y", 5],
      ]),
    ),
    11.652071455223084,
  );
});

test("functions and operators", () => {
  assert.equal(evaluate(parseExpression("2^3^2"), {}), 512);
  assert.equal(evaluate(parseExpression("-2^2"), {}), -4);
  assert.equal(evaluate(parseExpression("relu(-3) + relu(3) + sqrt(16)"), {}), 7);
  assert.equal(evaluate(parseExpression("sigmoid(0) + tanh(0) + exp(0)"), {}), 1.5);
  assert.equal(evaluate(parseExpression("7/2 - 1"), {}), 2.5);
});

test("unbound variables are clear errors; log of a negative number is NaN", () => {
  assert.throws(() => evaluate(parseExpression("x + z"), { x: 1 }), {
    message: 'evaluate: variable "z" is not bound (bound: x)',
  });
  assert.throws(() => evaluate(parseExpression("toString"), {}), /"toString" is not bound/);
  assert.ok(Number.isNaN(evaluate(parseExpression("log(x)"), { x: -1 })));
});

test("a DAG shared 60 times over is evaluated once per node", () => {
  let e = variable("x");
  for (let i = 0; i < 60; i++) e = binary("*", e, e);
  assert.equal(evaluate(e, { x: 1 }), 1);
});
