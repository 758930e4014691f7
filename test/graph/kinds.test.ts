// Every built-in vertex kind: calc against Math, deriv against central differences of calc (seeded).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { numericalGrad } from "../../src/check/numerical-grad.js";
import { vertexKinds, type VertexKindName } from "../../src/graph/index.js";
import type { BinaryKind, UnaryKind } from "../../src/graph/kinds.js";
import { binary, call, variable } from "../../src/symbolic/build.js";
import { diff } from "../../src/symbolic/diff.js";
import { UNARY_FUNCTIONS } from "../../src/symbolic/elementary.js";
import { evaluate } from "../../src/symbolic/evaluate.js";

const names = Object.keys(vertexKinds) as VertexKindName[];

test("the library has the fourteen kinds with their arities", () => {
  assert.deepEqual(names, [
    "add",
    "sub",
    "mul",
    "div",
    "pow",
    "neg",
    "exp",
    "log",
    "sin",
    "cos",
    "tanh",
    "relu",
    "sigmoid",
    "sqrt",
  ]);
  assert.deepEqual(
    names.map((name) => vertexKinds[name].arity),
    [2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  );
});

test("calc at a point, against Math", () => {
  const at = (name: VertexKindName, ...args: number[]) => vertexKinds[name].calc(args);
  assert.equal(at("add", 2, 5), 7);
  assert.equal(at("sub", 2, 5), -3);
  assert.equal(at("mul", 2, 5), 10);
  assert.equal(at("div", 2, 5), 0.4);
  assert.equal(at("pow", 2, 5), 32);
  assert.equal(at("neg", 2), -2);
  assert.equal(at("exp", 2), Math.exp(2));
  assert.equal(at("log", 2), Math.log(2));
  assert.equal(at("sin", 2), Math.sin(2));
  assert.equal(at("cos", 2), Math.cos(2));
  assert.equal(at("tanh", 2), Math.tanh(2));
  assert.equal(at("relu", -2), 0);
  assert.equal(at("relu", 2), 2);
  assert.equal(at("sigmoid", 0), 0.5);
  assert.equal(at("sqrt", 2), Math.SQRT2);
  assert.ok(Number.isNaN(at("log", -1)));
});

test("deriv(inputs, i) equals the central difference of calc in argument i (fast-check)", () => {
  const positive = fc.double({ min: 0.2, max: 3, noNaN: true });
  const signed = fc.double({ min: -3, max: 3, noNaN: true }).filter((v) => Math.abs(v) > 0.05);
  fc.assert(
    fc.property(fc.constantFrom(...names), positive, signed, (name, a, b) => {
      const kind = vertexKinds[name];
      // log, sqrt and pow's base need a > 0; div's denominator stays away from 0.
      const args = kind.arity === 1 ? [name === "relu" ? b : a] : [a, name === "pow" ? a : b];
      const numeric = numericalGrad((x) => kind.calc([...x]), args);
      args.forEach((_, i) => {
        const exact = kind.deriv(args, i);
        const scale = Math.max(1, Math.abs(exact));
        assert.ok(
          Math.abs(exact - numeric[i]!) <= 1e-6 * scale,
          `${name} ∂/∂${i}: ${exact} vs ${numeric[i]}`,
        );
      });
    }),
    { seed: 42, numRuns: 500 },
  );
});

test("format writes calc over the predecessors' names", () => {
  assert.equal(vertexKinds.mul.format(["x", "y"]), "x·y");
  assert.equal(vertexKinds.sub.format(["s", "w"]), "s − w");
  assert.equal(vertexKinds.pow.format(["x", "2"]), "x^2");
  assert.equal(vertexKinds.neg.format(["a"]), "−a");
  assert.equal(vertexKinds.sigmoid.format(["t"]), "sigmoid(t)");
});

test("kinds' derivs agree with symbolic diff's rules at random points (one maths, two media)", () => {
  const x = variable("x");
  const y = variable("y");
  const unaryNames = Object.keys(UNARY_FUNCTIONS) as (keyof typeof UNARY_FUNCTIONS)[];
  const operators = [
    ["add", "+"],
    ["sub", "-"],
    ["mul", "*"],
    ["div", "/"],
    ["pow", "^"],
  ] as const;
  // b away from 0, either sign (the quotient's derivatives are finite there)
  const awayFromZero = fc.tuple(fc.double({ min: 0.1, max: 3, noNaN: true }), fc.boolean());
  fc.assert(
    fc.property(
      fc.double({ min: 0.1, max: 3, noNaN: true }),
      awayFromZero,
      (a, [magnitude, negative]) => {
        const b = negative ? -magnitude : magnitude;
        for (const name of unaryNames) {
          const kind = vertexKinds[name] as UnaryKind;
          const symbolic = evaluate(diff(call(name, x), "x"), { x: a });
          assert.ok(Math.abs(kind.derivAt(a) - symbolic) <= 1e-12 * (1 + Math.abs(symbolic)), name);
        }
        for (const [name, operator] of operators) {
          const kind = vertexKinds[name] as BinaryKind;
          const expr = binary(operator, x, y);
          for (const [i, wrt] of [
            [0, "x"],
            [1, "y"],
          ] as const) {
            const symbolic = evaluate(diff(expr, wrt), { x: a, y: b });
            const error = Math.abs(kind.derivAt(a, b, i) - symbolic);
            assert.ok(error <= 1e-12 * (1 + Math.abs(symbolic)), `${name} ∂/∂${wrt}`);
          }
        }
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

test("pow and div at the edges follow PyTorch: 0⁰ has slope 0, the divisor's slope is −(a/b)/b", () => {
  const pow = vertexKinds.pow as BinaryKind;
  fc.assert(
    fc.property(fc.double({ min: 0, max: 5, noNaN: true }), fc.double(), (b, y) => {
      assert.equal(pow.derivAt(0, b, 1), 0); // ∂aᵇ/∂b at a = 0, b ≥ 0
      assert.equal(pow.calcAt(1, y), 1); // IEEE: 1ʸ = 1, also for NaN and ±∞
    }),
    { seed: 42, numRuns: 300 },
  );
  assert.deepEqual([pow.derivAt(0, 0, 0), pow.derivAt(0, 0, 1), pow.derivAt(0, 2, 0)], [0, 0, 0]);
  assert.equal(pow.calcAt(-1, Infinity), 1);
  const div = vertexKinds.div as BinaryKind;
  // b² = 1e-400 underflows to 0 in float64, while (a/b)/b = −1e-300·1e200·1e200… stays finite
  assert.equal(div.derivAt(1e-300, 1e-200, 1), -1e100);
});
