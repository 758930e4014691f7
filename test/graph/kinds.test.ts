// Every built-in vertex kind: calc against Math, deriv against central differences of calc (seeded).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { numericalGrad } from "../../src/check/numerical-grad.js";
import { vertexKinds, type VertexKindName } from "../../src/graph/index.js";

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
