// The trace of the worked example: every Forward value and every B(p) += B(v)·deriv update with numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  computationalGraph,
  formatTrace,
  leaf,
  traceSweeps,
  vertex,
  vertexKinds as k,
} from "../../src/graph/index.js";
import { close, lectureGraph } from "../support/lecture-graph.js";

test("Forward steps: vertex, calc, value in topological order", () => {
  const { graph } = lectureGraph();
  const trace = traceSweeps(graph);
  assert.deepEqual(
    trace.forward.map((step) => [step.name, step.calc]),
    [
      ["x", "leaf"],
      ["y", "leaf"],
      ["u", "log(x)"],
      ["v", "x·y"],
      ["s", "u + v"],
      ["w", "sin(y)"],
      ["f", "s − w"],
    ],
  );
  const values = trace.forward.map((step) => step.value);
  const expected = [2, 5, Math.log(2), 10, Math.log(2) + 10, Math.sin(5)];
  expected.push(expected[4]! - expected[5]!);
  values.forEach((value, i) => assert.ok(close(value, expected[i]!)));
  assert.deepEqual(trace.notes, []);
});

test("Backward steps: the lecture's updates in reverse topological order, with their numbers", () => {
  const { graph } = lectureGraph();
  const trace = traceSweeps(graph);
  const rows = trace.backward.map((s) => [
    graph.nameOf(s.vertex),
    graph.nameOf(s.input),
    s.adjoint,
    s.deriv,
    s.contribution,
    s.before,
    s.after,
  ]);
  const cos5 = Math.cos(5);
  const expected: [string, string, number, number, number, number, number][] = [
    ["f", "s", 1, 1, 1, 0, 1],
    ["f", "w", 1, -1, -1, 0, -1],
    ["w", "y", -1, cos5, -cos5, 0, -cos5],
    ["s", "u", 1, 1, 1, 0, 1],
    ["s", "v", 1, 1, 1, 0, 1],
    ["v", "x", 1, 5, 5, 0, 5],
    ["v", "y", 1, 2, 2, -cos5, 2 - cos5],
    ["u", "x", 1, 0.5, 0.5, 5, 5.5],
  ];
  assert.equal(rows.length, expected.length);
  rows.forEach((row, i) => {
    const want = expected[i]!;
    assert.deepEqual(row.slice(0, 2), want.slice(0, 2));
    for (let c = 2; c < 7; c++)
      assert.ok(close(row[c] as number, want[c] as number), `row ${i} col ${c}`);
  });
  assert.equal(trace.B.get(graph.leaves[0]!), 5.5);
});

test("the printed trace is an aligned table with the numbers", () => {
  const text = formatTrace(traceSweeps(lectureGraph().graph));
  const lines = text.split("\n");
  assert.equal(lines[0], "Forward (topological order)");
  assert.match(text, /^u +log\(x\) +0\.693147$/m);
  assert.match(text, /^f +s − w +11\.6521$/m);
  assert.match(text, /B\(v\) ← 0, B\(f\) ← 1/);
  assert.match(text, /^B\(x\) \+= B\(u\)·∂u\/∂x +1 +1 +0\.5 +0\.5 +5 → 5\.5$/m);
  assert.match(text, /^B\(y\) \+= B\(v\)·∂v\/∂y +2 +1 +2 +2 +-0\.283662 → 1\.71634$/m);
  const header = lines.findIndex((line) => line.startsWith("update"));
  const column = lines[header]!.indexOf("B(p) before → after") + "B(p) before → after".length;
  for (const line of lines.slice(header + 1)) assert.equal(line.length, column);
});

test("log of a negative number: NaN with a note in the trace, not a crash", () => {
  const x = leaf("x", -2);
  const u = vertex(k.log, [x], "u");
  const f = vertex(k.mul, [u, x], "f");
  const trace = traceSweeps(computationalGraph(f));
  assert.ok(Number.isNaN(trace.F.get(u)!));
  assert.ok(Number.isNaN(trace.F.get(f)!));
  assert.equal(trace.notes.length, 1);
  assert.equal(
    trace.notes[0],
    "u = log(x) is NaN at -2: outside the domain of log; everything downstream is NaN too",
  );
  assert.ok(Number.isNaN(trace.B.get(x)!));
  const text = formatTrace(trace);
  assert.match(text, /^u +log\(x\) +NaN +NaN: see note$/m);
  assert.match(text, /^note: u = log\(x\) is NaN at -2/m);
});
