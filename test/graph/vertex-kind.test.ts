// A user-defined vertex kind (the lecture's "add new modules") goes through Forward, Backward and the trace.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  backward,
  computationalGraph,
  defineVertexKind,
  formatTrace,
  forward,
  leaf,
  traceSweeps,
  vertex,
} from "../../src/graph/index.js";

const hypot = defineVertexKind({
  name: "hypot",
  arity: 2,
  calc: ([a, b]) => Math.hypot(a!, b!),
  // ∂√(a² + b²)/∂a = a/√(a² + b²)
  deriv: (inputs, i) => inputs[i]! / Math.hypot(inputs[0]!, inputs[1]!),
});

test("a custom kind: F and B of hypot(3, 4) = 5 with ∂/∂a = 3/5, ∂/∂b = 4/5", () => {
  const a = leaf("a", 3);
  const b = leaf("b", 4);
  const h = vertex(hypot, [a, b], "h");
  const graph = computationalGraph(h);
  const F = forward(graph);
  assert.equal(F.get(h), 5);
  const B = backward(graph, F);
  assert.equal(B.get(a), 0.6);
  assert.equal(B.get(b), 0.8);
  assert.match(formatTrace(traceSweeps(graph)), /^h +hypot\(a, b\) +5$/m);
});

test("a custom format, and a bad arity is refused", () => {
  const twice = defineVertexKind({
    name: "twice",
    arity: 1,
    calc: ([a]) => 2 * a!,
    deriv: () => 2, // d(2a)/da = 2
    format: ([a]) => `2${a}`,
  });
  assert.equal(twice.format(["x"]), "2x");
  assert.equal(twice.calc([4]), 8);
  assert.throws(
    () => defineVertexKind({ name: "none", arity: 0, calc: () => 1, deriv: () => 0 }),
    /vertex kind "none": arity must be an integer ≥ 1, got 0/,
  );
});
