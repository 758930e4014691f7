// Forward(G) and Backward(G, F): the lecture's worked example number by number, repeats, long chains.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  backward,
  computationalGraph,
  constant,
  forward,
  leaf,
  vertex,
  vertexKinds as k,
} from "../../src/graph/index.js";
import { close, lectureGraph } from "../support/lecture-graph.js";

test("the worked example: every F(v) of f(x, y) = log x + xy − sin y at (2, 5)", () => {
  const { graph, x, y, u, v, s, w, f } = lectureGraph();
  const F = forward(graph);
  assert.equal(F.get(x), 2);
  assert.equal(F.get(y), 5);
  assert.ok(close(F.get(u), Math.log(2)));
  assert.ok(close(F.get(u), 0.693147, 1e-6));
  assert.equal(F.get(v), 10);
  assert.ok(close(F.get(s), Math.log(2) + 10));
  assert.ok(close(F.get(s), 10.693147, 1e-6));
  assert.ok(close(F.get(w), Math.sin(5)));
  assert.ok(close(F.get(w), -0.958924, 1e-6));
  assert.ok(close(F.get(f), Math.log(2) + 10 - Math.sin(5)));
  assert.ok(close(F.get(f), 11.652071, 1e-6));
});

test("the worked example: every adjoint B(v) = ∂f/∂v, as the lecture derives them", () => {
  const { graph, x, y, u, v, s, w, f } = lectureGraph();
  const B = backward(graph, forward(graph));
  assert.equal(B.get(f), 1);
  assert.equal(B.get(s), 1);
  assert.equal(B.get(w), -1);
  assert.equal(B.get(u), 1);
  assert.equal(B.get(v), 1);
  assert.ok(close(B.get(x), 5 + 1 / 2)); // y + 1/x
  assert.equal(B.get(x), 5.5);
  assert.ok(close(B.get(y), 2 - Math.cos(5))); // x − cos y
  assert.ok(close(B.get(y), 1.716338, 1e-6));
  assert.equal(B.size, 7);
});

test("leaf values can be given to forward by name", () => {
  const { graph, x, y } = lectureGraph();
  const F = forward(graph, { x: 3, y: 0.5 });
  assert.ok(close(F.get(graph.terminal), Math.log(3) + 1.5 - Math.sin(0.5)));
  const B = backward(graph, F);
  assert.ok(close(B.get(x), 0.5 + 1 / 3));
  assert.ok(close(B.get(y), 3 - Math.cos(0.5)));
});

test("a repeated predecessor accumulates: x·x has P = [x, x] and ∂/∂x = 2x", () => {
  const x = leaf("x", 3);
  const square = vertex(k.mul, [x, x], "q");
  const graph = computationalGraph(square);
  assert.deepEqual(square.inputs, [x, x]);
  const F = forward(graph);
  assert.equal(F.get(square), 9);
  assert.equal(backward(graph, F).get(x), 6);
});

test("constants are leaves with their value; unnamed vertices get v1, v2, …", () => {
  const x = leaf("x", 4);
  const g = vertex(k.add, [vertex(k.mul, [constant(3), x]), constant(1)]);
  const graph = computationalGraph(g);
  const F = forward(graph);
  assert.equal(F.get(g), 13);
  assert.equal(backward(graph, F).get(x), 3);
  assert.deepEqual(
    graph.vertices.map((v) => graph.nameOf(v)),
    ["3", "x", "v1", "1", "v2"],
  );
});

test("a leaf without a value is a clear error", () => {
  const graph = computationalGraph(vertex(k.exp, [leaf("z")]));
  assert.throws(() => forward(graph), /leaf "z" has no value: pass it as forward\(G, \{ z: … \}\)/);
  assert.equal(forward(graph, { z: 0 }).get(graph.terminal), 1);
});

test("a chain of 10⁶ vertices: Forward and Backward without recursion", () => {
  const x = leaf("x", 0.5);
  let top = x;
  const one = constant(1);
  for (let i = 0; i < 1_000_000; i++) top = vertex(k.mul, [top, one]);
  const tail = vertex(k.sin, [top], "f");
  const graph = computationalGraph(tail);
  assert.equal(graph.vertices.length, 1_000_003);
  const F = forward(graph);
  assert.ok(close(F.get(tail), Math.sin(0.5)));
  assert.ok(close(backward(graph, F).get(x), Math.cos(0.5)));
});
