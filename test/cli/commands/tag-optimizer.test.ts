// SplitAdam: SparseAdam on the tables and Adam on the rest, saved and restored as one state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, tensor, type Tensor } from "../../../src/index.js";
import { SplitAdam } from "../../../src/cli/commands/tag-optimizer.js";

function model(seed: number) {
  const generator = new Generator(seed);
  const embedding = new nn.Embedding(20, 4, { generator, sparse: true });
  const linear = new nn.Linear(4, 1, { generator });
  return { embedding, linear, groups: { sparse: [embedding.weight], dense: linear.parameters() } };
}
type Model = ReturnType<typeof model>;
const ids = tensor([3, 7, 3], { dtype: "int32" });
const step = ({ embedding, linear }: Model, optimizer: SplitAdam) => {
  optimizer.zeroGrad();
  linear.forward(embedding.forward(ids)).square().sum().backward();
  optimizer.step();
};
const values = (m: Model): number[][] =>
  [m.embedding.weight, ...m.linear.parameters()].map((p: Tensor) => Array.from(p.dataSync()));

test("only the looked-up rows move; a restored state continues exactly as the original", () => {
  const original = model(0);
  const optimizer = new SplitAdam(original.groups, 0.01);
  const before = values(original)[0]!;
  step(original, optimizer);
  step(original, optimizer);
  const after = values(original)[0]!;
  const moved = [...new Set(after.flatMap((v, i) => (v !== before[i] ? [Math.floor(i / 4)] : [])))];
  assert.deepEqual(moved, [3, 7]);
  assert.equal(optimizer.stepCount, 2);

  const state = JSON.parse(JSON.stringify(optimizer.stateDict())) as ReturnType<
    SplitAdam["stateDict"]
  >;
  assert.equal(state.kind, "SplitAdam(SparseAdam,Adam)");
  const copy = model(1);
  copy.embedding.loadStateDict(original.embedding.stateDict());
  copy.linear.loadStateDict(original.linear.stateDict());
  const restored = new SplitAdam(copy.groups, 0.01);
  restored.loadStateDict(state);
  step(original, optimizer);
  step(copy, restored);
  assert.deepEqual(values(copy), values(original));
  assert.throws(() => restored.loadStateDict({ ...state, kind: "Adam" }), /state is for Adam/);
});
