// Graphviz (WASM) draws the worked example as SVG, values and adjoints included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { backward, forward } from "../../src/graph/index.js";
import { graphToSvg, renderDotSvg } from "../../src/viz/graph-svg.js";
import { lectureGraph } from "../support/lecture-graph.js";

test("the lecture graph as SVG: seven vertices, eight edges, F and B as text", async () => {
  const { graph } = lectureGraph();
  const F = forward(graph);
  const svg = await graphToSvg(graph, F, backward(graph, F));
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg width="\d+pt" height="\d+pt"/);
  assert.equal(svg.match(/class="node"/g)?.length, 7);
  assert.equal(svg.match(/class="edge"/g)?.length, 8);
  assert.ok(svg.includes(">B = 5.5</text>"));
  assert.ok(svg.includes(">F = 11.6521</text>"));
});

test("bad DOT is an error, not a crash", async () => {
  await assert.rejects(() => renderDotSvg("digraph { a -> "), /syntax error/);
});
