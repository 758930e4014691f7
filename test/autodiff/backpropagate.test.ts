// The generic engine on plain number adjoints: accumulation over repeated inputs, cycles, long chains.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  backpropagate,
  CycleError,
  topologicalOrder,
  type AdjointRule,
  type Vertex,
} from "../../src/autodiff/index.js";

interface ScaleVertex extends Vertex {
  readonly inputs: ScaleVertex[];
  readonly factors: number[];
}
const leaf = (): ScaleVertex => ({ inputs: [], factors: [] });
const node = (inputs: ScaleVertex[], factors: number[]): ScaleVertex => ({ inputs, factors });
const numberRule: AdjointRule<ScaleVertex, number> = {
  pullback: (vertex, adjoint) => vertex.factors.map((factor) => adjoint * factor),
  accumulate: (current, contribution) => (current ?? 0) + contribution,
};

test("repeated predecessors accumulate (x·x has inputs [x, x])", () => {
  const x = leaf();
  const square = node([x, x], [3, 3]);
  const adjoints = backpropagate(square, 1, numberRule);
  assert.equal(adjoints.get(x), 6);
});

test("a diamond sums both paths", () => {
  const x = leaf();
  const a = node([x], [2]);
  const b = node([x], [5]);
  const top = node([a, b], [1, 10]);
  assert.equal(backpropagate(top, 1, numberRule).get(x), 2 + 50);
});

test("topological order puts inputs first and detects cycles", () => {
  const x = leaf();
  const a = node([x], [1]);
  const b = node([a, x], [1, 1]);
  assert.deepEqual(topologicalOrder(b), [x, a, b]);
  const loop = node([], []);
  const other = node([loop], [1]);
  (loop.inputs as ScaleVertex[]).push(other);
  assert.throws(() => topologicalOrder(other), CycleError);
});

test("a chain of 10⁶ vertices needs no recursion", () => {
  const x = leaf();
  let top = x;
  for (let i = 0; i < 1_000_000; i++) top = node([top], [1]);
  assert.equal(backpropagate(top, 1, numberRule).get(x), 1);
});
