// The simplifying constructors: identities, constant folding, and nothing more.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  add,
  binary,
  call,
  constant,
  div,
  mul,
  neg,
  pow,
  sub,
  unary,
  variable,
} from "../../src/symbolic/build.js";

const x = variable("x");
const y = variable("y");

test("identities: a + 0, 0·a, 1·a, a/1, a^1, a^0, 0 − a, −(−a)", () => {
  assert.equal(add(x, constant(0)), x);
  assert.equal(add(constant(0), x), x);
  assert.deepEqual(mul(constant(0), x), constant(0));
  assert.equal(mul(x, constant(1)), x);
  assert.deepEqual(mul(constant(-1), x), unary("neg", x));
  assert.equal(div(x, constant(1)), x);
  assert.deepEqual(div(constant(0), x), constant(0));
  assert.equal(pow(x, constant(1)), x);
  assert.deepEqual(pow(x, constant(0)), constant(1));
  assert.deepEqual(sub(constant(0), x), unary("neg", x));
  assert.equal(sub(x, constant(0)), x);
  assert.equal(neg(neg(x)), x);
});

test("constants fold; transcendental functions of constants stay symbolic", () => {
  assert.deepEqual(add(constant(2), constant(3)), constant(5));
  assert.deepEqual(mul(constant(2), constant(3)), constant(6));
  assert.deepEqual(sub(constant(2), constant(3)), constant(-1));
  assert.deepEqual(div(constant(3), constant(2)), constant(1.5));
  assert.deepEqual(pow(constant(2), constant(10)), constant(1024));
  assert.deepEqual(neg(constant(4)), constant(-4));
  assert.deepEqual(call("cos", constant(2)), unary("cos", constant(2)));
  assert.deepEqual(call("neg", constant(2)), constant(-2));
});

test("anything else is built as given", () => {
  assert.deepEqual(add(x, y), binary("+", x, y));
  assert.deepEqual(mul(x, constant(2)), binary("*", x, constant(2)));
  assert.deepEqual(pow(x, y), binary("^", x, y));
});
