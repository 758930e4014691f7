// G's assumptions as errors: exactly one terminal, no cycle, every predecessor in V; leaves and names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CycleError } from "../../src/autodiff/index.js";
import {
  computationalGraph,
  GraphError,
  GraphVertex,
  leaf,
  vertex,
  vertexKinds as k,
} from "../../src/graph/index.js";
import { lectureGraph } from "../support/lecture-graph.js";

test("the lecture's graph: topological order, leaves L(G) and the terminal T(G)", () => {
  const { graph, x, y, f } = lectureGraph();
  assert.equal(graph.vertices.length, 7);
  assert.deepEqual(graph.leaves, [x, y]);
  assert.equal(graph.terminal, f);
  const position = new Map(graph.vertices.map((v, i) => [v, i]));
  for (const v of graph.vertices) {
    for (const p of v.inputs) assert.ok(position.get(p)! < position.get(v)!);
  }
  assert.deepEqual(
    graph.vertices.map((v) => graph.nameOf(v)),
    ["x", "y", "u", "v", "s", "w", "f"],
  );
});

test("two terminal vertices: the error gives the count and names them", () => {
  const x = leaf("x", 1);
  const a = vertex(k.exp, [x], "a");
  const b = vertex(k.sin, [x], "b");
  assert.throws(
    () => computationalGraph([x, a, b]),
    (error: unknown) =>
      error instanceof GraphError &&
      error.message ===
        "a computational graph needs exactly one terminal vertex (no edge leaving it), found 2: a, b",
  );
});

test("an empty vertex list has no terminal", () => {
  assert.throws(() => computationalGraph([]), /found 0: none/);
});

test("a predecessor missing from V is named", () => {
  const x = leaf("x", 1);
  const hidden = vertex(k.exp, [x], "hidden");
  const top = vertex(k.sin, [hidden], "top");
  assert.throws(() => computationalGraph([x, top]), /not in V: "hidden"/);
});

test("a cycle is a CycleError naming a vertex on it", () => {
  const x = leaf("x", 1);
  const inputs: GraphVertex[] = [x];
  const a = new GraphVertex(inputs, k.exp, "a", undefined);
  const b = vertex(k.sin, [a], "b");
  inputs[0] = b; // a's predecessor is now b, whose predecessor is a
  const top = vertex(k.neg, [b], "top");
  assert.throws(
    () => computationalGraph(top),
    (error: unknown) => error instanceof CycleError && /cycle through "(a|b)"/.test(error.message),
  );
  assert.throws(() => computationalGraph([a, b, top]), CycleError);
});

test("a kind gets exactly its arity of predecessors", () => {
  const x = leaf("x", 1);
  assert.throws(
    () => vertex(k.mul, [x], "m"),
    /vertex "m" of kind mul takes 2 predecessor\(s\), got 1/,
  );
});
