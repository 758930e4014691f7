// The engine's `mark` slot path: same orders and adjoints as the Map path, cycles, nested sweeps.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  backpropagate,
  CycleError,
  sweepAdjoints,
  topologicalOrder,
  type AdjointRule,
  type Vertex,
} from "../../src/autodiff/index.js";

interface Scaled extends Vertex {
  readonly inputs: Scaled[];
  readonly factors: number[];
  mark?: number;
}
const marked = (inputs: Scaled[] = [], factors: number[] = []): Scaled => ({
  inputs,
  factors,
  mark: 0,
});
const plain = (inputs: Scaled[] = [], factors: number[] = []): Scaled => ({ inputs, factors });
const rule: AdjointRule<Scaled, number> = {
  pullback: (vertex, adjoint) => vertex.factors.map((factor) => adjoint * factor),
  accumulate: (current, contribution) => (current ?? 0) + contribution,
};

test("marked, plain and mixed vertices give the same order and adjoints", () => {
  for (const make of [marked, plain]) {
    const x = make();
    const y = plain();
    const a = make([x, y], [2, 3]);
    const b = make([a, x, x], [5, 7, 11]);
    assert.deepEqual(topologicalOrder(b), [x, y, a, b]);
    const adjoints = backpropagate(b, 1, rule);
    assert.equal(adjoints.get(x), 5 * 2 + 7 + 11);
    assert.equal(adjoints.get(y), 5 * 3);
    assert.deepEqual([...adjoints.keys()], [b, a, y, x]);
  }
});

test("stale marks from earlier walks do not hide vertices or fake cycles", () => {
  const x = marked();
  const a = marked([x], [2]);
  const b = marked([a], [3]);
  for (let round = 0; round < 3; round++) assert.deepEqual(topologicalOrder(b), [x, a, b]);
  const loop = marked();
  const other = marked([loop], [1]);
  loop.inputs.push(other);
  assert.throws(() => topologicalOrder(marked([other], [1])), CycleError);
});

test("a sweep nested inside a pullback re-stamps shared vertices; the outer sweep stays right", () => {
  const x = marked();
  const inner = marked([x], [4]);
  const outer = marked([inner, x], [1, 1]);
  const nested: AdjointRule<Scaled, number> = {
    pullback(vertex, adjoint) {
      if (vertex === outer) assert.equal(backpropagate(inner, 1, rule).get(x), 4);
      return rule.pullback(vertex, adjoint);
    },
    accumulate: rule.accumulate,
  };
  assert.equal(backpropagate(outer, 1, nested).get(x), 4 + 1);
});

test("sweepAdjoints hands every vertex its final adjoint once, terminal first", () => {
  const x = marked();
  const square = marked([x, x], [6, 6]);
  const seen: [Scaled, number][] = [];
  sweepAdjoints(square, 2, rule, (vertex, adjoint) => seen.push([vertex, adjoint]));
  assert.deepEqual(seen, [
    [square, 2],
    [x, 24],
  ]);
});
