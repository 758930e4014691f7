// Graphs built from expressions: shared subexpressions are one vertex; random expressions vs central differences.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { numericalGrad } from "../../src/check/numerical-grad.js";
import { binary, constant, unary, variable } from "../../src/symbolic/build.js";
import { evaluate } from "../../src/symbolic/evaluate.js";
import { parseExpression } from "../../src/symbolic/parse.js";
import { backward, forward, graphFromExpr } from "../../src/graph/index.js";
import { smoothExpr } from "../support/expr-arbitraries.js";
import { close } from "../support/lecture-graph.js";

test("hand-built Expr of the lecture: the same numbers as the hand-built graph", () => {
  const [x, y] = [variable("x"), variable("y")];
  const e = binary("-", binary("+", unary("log", x), binary("*", x, y)), unary("sin", y));
  const graph = graphFromExpr(e, { x: 2, y: 5 });
  assert.deepEqual(
    graph.vertices.map((v) => graph.nameOf(v)),
    ["x", "v1", "y", "v2", "v3", "v4", "v5"],
  );
  const F = forward(graph);
  assert.ok(close(F.get(graph.terminal), Math.log(2) + 10 - Math.sin(5)));
  const B = backward(graph, F);
  const [lx, ly] = graph.leaves;
  assert.equal(B.get(lx!), 5.5);
  assert.ok(close(B.get(ly!), 2 - Math.cos(5)));
});

test("a shared subexpression object is one vertex; equal variables and constants are one leaf", () => {
  const x = variable("x");
  const shared = binary("*", x, constant(2));
  const e = binary("+", unary("sin", shared), unary("cos", shared));
  const graph = graphFromExpr(e, { x: 0.3 });
  assert.equal(graph.vertices.length, 6); // x, 2, x·2, sin, cos, +
  const again = binary("+", binary("*", variable("x"), constant(2)), constant(2));
  assert.equal(graphFromExpr(again).vertices.length, 4); // x, 2, x·2, +
  const B = backward(graph, forward(graph));
  assert.ok(close(B.get(graph.leaves[0]!), 2 * Math.cos(0.6) - 2 * Math.sin(0.6)));
});

test("parsed expressions; variables can be given to forward instead", () => {
  const graph = graphFromExpr(parseExpression("x*x + exp(y)/x"));
  const F = forward(graph, { x: 1.5, y: 0.5 });
  assert.ok(close(F.get(graph.terminal), 2.25 + Math.exp(0.5) / 1.5));
  const B = backward(graph, F);
  const byName = new Map(graph.leaves.map((v) => [graph.nameOf(v), B.get(v)!]));
  assert.ok(close(byName.get("x"), 3 - Math.exp(0.5) / 2.25));
  assert.ok(close(byName.get("y"), Math.exp(0.5) / 1.5));
});

test("a 10⁵-deep expression builds without recursion", () => {
  let e = variable("x");
  for (let i = 0; i < 100_000; i++) e = unary("neg", e);
  const graph = graphFromExpr(e, { x: 3 });
  assert.equal(forward(graph).get(graph.terminal), 3);
  assert.equal(backward(graph, forward(graph)).get(graph.leaves[0]!), 1);
});

test("random smooth expressions: backward equals central differences (fast-check, seeded)", () => {
  const point = fc.double({ min: 0.5, max: 2, noNaN: true });
  fc.assert(
    fc.property(smoothExpr(), point, point, (e, x0, y0) => {
      const graph = graphFromExpr(binary("+", e, binary("*", variable("x"), variable("y"))));
      const F = forward(graph, { x: x0, y: y0 });
      const B = backward(graph, F);
      const env = (p: Float64Array) => ({ x: p[0]!, y: p[1]! });
      const value = evaluate(binary("+", e, binary("*", variable("x"), variable("y"))), {
        x: x0,
        y: y0,
      });
      assert.ok(close(F.get(graph.terminal), value, 1e-12));
      const numeric = numericalGrad((p) => evaluate(e, env(p)) + p[0]! * p[1]!, [x0, y0]);
      ["x", "y"].forEach((name, i) => {
        const exact = B.get(graph.leaves.find((v) => graph.nameOf(v) === name)!)!;
        const scale = Math.max(1, Math.abs(exact));
        assert.ok(
          Math.abs(exact - numeric[i]!) <= 1e-5 * scale,
          `∂/∂${name}: ${exact} vs ${numeric[i]}`,
        );
      });
    }),
    { seed: 42, numRuns: 300 },
  );
});
