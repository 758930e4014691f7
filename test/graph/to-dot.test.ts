// DOT text of the worked example: one node per vertex with calc, F and B; edges in predecessor order.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  backward,
  computationalGraph,
  forward,
  leaf,
  toDot,
  vertex,
  vertexKinds as k,
} from "../../src/graph/index.js";
import { lectureGraph } from "../support/lecture-graph.js";

test("vertices carry their calc, F(v) and B(v); the terminal has a double border", () => {
  const { graph } = lectureGraph();
  const F = forward(graph);
  const dot = toDot(graph, F, backward(graph, F));
  assert.match(dot, /^digraph G \{/);
  assert.match(dot, /n0 \[label="x\\nF = 2\\nB = 5\.5", shape=ellipse/);
  assert.match(dot, /n2 \[label="u = log\(x\)\\nF = 0\.693147\\nB = 1"\]/);
  assert.match(dot, /n6 \[label="f = s − w\\nF = 11\.6521\\nB = 1", peripheries=2/);
  assert.match(dot, /label="y\\nF = 5\\nB = 1\.71634"/);
  assert.equal(dot.match(/->/g)?.length, 8);
  assert.match(dot, /n0 -> n3 \[label="1"\];\n {2}n1 -> n3 \[label="2"\];/);
});

test("without F and B only the structure; x·x gives two edges", () => {
  const x = leaf("x");
  const graph = computationalGraph(vertex(k.mul, [x, x], "q"));
  const dot = toDot(graph);
  assert.match(dot, /n1 \[label="q = x·x", peripheries=2/);
  assert.doesNotMatch(dot, /F = /);
  assert.equal(dot.match(/n0 -> n1/g)?.length, 2);
});

test('quotes in names are escaped: a vertex named say "hi" stays one DOT string', () => {
  const graph = computationalGraph(vertex(k.exp, [leaf('say "hi"', 0)], "e"));
  assert.match(toDot(graph), /label="say \\"hi\\""/);
});
