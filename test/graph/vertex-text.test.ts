// calc and deriv as text: every built-in deriv formula, read back by the parser, against central differences.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { numericalGrad } from "../../src/check/numerical-grad.js";
import { evaluate } from "../../src/symbolic/evaluate.js";
import { parseExpression } from "../../src/symbolic/parse.js";
import {
  calcText,
  computationalGraph,
  defineVertexKind,
  derivText,
  graphFromExpr,
  leaf,
  traceSweeps,
  vertex,
  vertexKinds as k,
  type VertexKindName,
} from "../../src/graph/index.js";
import { lectureGraph } from "../support/lecture-graph.js";

/** The text in the parser's notation: · → *, − → -, ² → ^2. */
const parseable = (text: string): string =>
  text.replace(/·/g, "*").replace(/−/g, "-").replace(/²/g, "^2");

const smoothKinds = (Object.keys(k) as VertexKindName[]).filter((name) => name !== "relu");

test("every built-in deriv text, parsed and evaluated, matches central differences of calc", () => {
  for (const name of smoothKinds) {
    const kind = k[name];
    const [a, b] = [leaf("a"), leaf("b")];
    const v = vertex(kind, kind.arity === 1 ? [a] : [a, b]);
    const graph = computationalGraph(v);
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        (x, y) => {
          const point = kind.arity === 1 ? [x] : [x, y];
          const estimate = numericalGrad((p) => kind.calc([...p]), point);
          point.forEach((_, i) => {
            const text = derivText(graph, v, i);
            const value = evaluate(parseExpression(parseable(text)), { a: x, b: y });
            const tolerance = 1e-6 * Math.max(1, Math.abs(estimate[i]!));
            assert.ok(
              Math.abs(value - estimate[i]!) <= tolerance,
              `${name} deriv ${i} "${text}" = ${value} at (${x}, ${y}), central differences ${estimate[i]}`,
            );
          });
        },
      ),
      { seed: 20240611, numRuns: 40 },
    );
  }
});

test("relu's deriv is the Iverson bracket, neg's and sub's are constants", () => {
  const x = leaf("x");
  const y = leaf("y");
  const relu = vertex(k.relu, [x]);
  const neg = vertex(k.neg, [relu]);
  const sub = vertex(k.sub, [neg, y], "f");
  const graph = computationalGraph(sub);
  assert.equal(derivText(graph, relu, 0), "[x > 0]");
  assert.equal(derivText(graph, neg, 0), "−1");
  assert.deepEqual([derivText(graph, sub, 0), derivText(graph, sub, 1)], ["1", "−1"]);
});

test("calc and deriv texts of the lecture's graph use its vertex names", () => {
  const { graph, x, u, v, s, f } = lectureGraph();
  assert.deepEqual(
    [u, v, s, f].map((vertex) => calcText(graph, vertex)),
    ["log(x)", "x·y", "u + v", "s − w"],
  );
  assert.equal(calcText(graph, x), "leaf");
  assert.equal(derivText(graph, u, 0), "1/x");
  assert.deepEqual([derivText(graph, v, 0), derivText(graph, v, 1)], ["y", "x"]);
  assert.throws(() => derivText(graph, x, 0), /derivText: x is a leaf/);
  assert.throws(() => derivText(graph, v, 2), /v has 2 predecessor\(s\), no position 2/);
});

test("a custom kind: its formatDeriv when given, else ∂(calc)/∂p", () => {
  const definition = {
    name: "cube",
    arity: 1,
    calc: ([a]: readonly number[]) => a! ** 3,
    deriv: ([a]: readonly number[]) => 3 * a! ** 2,
  };
  const plain = defineVertexKind(definition);
  const written = defineVertexKind({ ...definition, formatDeriv: ([a]) => `3·${a}²` });
  const x = leaf("x");
  const [p, w] = [vertex(plain, [x], "p"), vertex(written, [x], "w")];
  const graph = computationalGraph(vertex(k.add, [p, w], "f"));
  assert.equal(derivText(graph, p, 0), "∂(cube(x))/∂x");
  assert.equal(derivText(graph, w, 0), "3·x²");
});

test("the trace's Backward steps carry deriv texts, constants by their value", () => {
  const graph = graphFromExpr(parseExpression("x^2 - exp(y)"));
  const steps = traceSweeps(graph, { x: 3, y: 0 }).backward;
  assert.deepEqual(
    steps.map((step) => `${graph.nameOf(step.input)}: ${step.derivText}`),
    ["v1: 1", "v2: −1", "y: exp(y)", "x: 2·x^(2 − 1)", "2: x^2·log(x)"],
  );
  assert.deepEqual(
    steps.map((step) => step.deriv),
    [1, -1, 1, 6, 9 * Math.log(3)],
  );
});

test("graphFromExpr names the terminal when asked, with a prime past a variable of that name", () => {
  const named = graphFromExpr(parseExpression("log(x) + x*y - sin(y)"), {}, { terminalName: "f" });
  assert.deepEqual(
    named.vertices.map((v) => named.nameOf(v)),
    ["x", "v1", "y", "v2", "v3", "v4", "f"],
  );
  const clash = graphFromExpr(parseExpression("f*g + 1"), {}, { terminalName: "f" });
  assert.equal(clash.nameOf(clash.terminal), "f′");
  const single = graphFromExpr(parseExpression("x"), {}, { terminalName: "f" });
  assert.equal(single.nameOf(single.terminal), "x");
  const plain = graphFromExpr(parseExpression("x*y"));
  assert.equal(plain.nameOf(plain.terminal), "v1");
});
