// Positional encodings (sinusoidal values by hand, learned rows, too long a sequence) and the small
// language model: shapes, weight tying, causality, state-dict round trip, errors, and a loss that falls.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Tensor } from "../../src/index.js";
import { Generator, nn, optim, randn, tensor, zeros } from "../../src/index.js";

const tokens = (rows: number[][]): Tensor => tensor(rows, { dtype: "int32" });

test("sinusoidal encoding: PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i + 1] = cos(…), a buffer", () => {
  const positions = new nn.SinusoidalPositionalEncoding(4, 10);
  const pe = positions.forward(zeros([3, 4])).toArray() as number[][];
  const expected = [0, 1, 2].map((t) => [
    Math.sin(t),
    Math.cos(t),
    Math.sin(t / 100),
    Math.cos(t / 100),
  ]);
  pe.forEach((row, t) => row.forEach((v, i) => assert.ok(Math.abs(v - expected[t]![i]!) < 1e-6)));
  assert.deepEqual(Object.keys(positions.stateDict()), ["pe"]);
  assert.equal(positions.parameters().length, 0);
  // sequence first: positions along axis 0 of [T, N, d]
  const seqFirst = new nn.SinusoidalPositionalEncoding(4, 10, { batchFirst: false });
  const added = seqFirst
    .forward(zeros([3, 2, 4]))
    .index(2, 1)
    .toArray() as number[];
  added.forEach((v, i) => assert.ok(Math.abs(v - expected[2]![i]!) < 1e-6));
  assert.throws(
    () => positions.forward(zeros([11, 4])),
    /SinusoidalPositionalEncoding: sequence length 11 exceeds the table's 10 positions/,
  );
});

test("learned positions: x + weight[t]; only the rows used get gradients", () => {
  const positions = new nn.LearnedPositionalEmbedding(6, 3, { generator: new Generator(1) });
  const x = randn([2, 4, 3], { generator: new Generator(2) });
  const out = positions.forward(x);
  const expected = x.add(positions.weight.slice(0, 0, 4));
  assert.deepEqual(out.toArray(), expected.toArray());
  out.sum().backward();
  const grad = positions.weight.grad!.toArray() as number[][];
  assert.deepEqual(grad.slice(0, 4), [
    [2, 2, 2],
    [2, 2, 2],
    [2, 2, 2],
    [2, 2, 2],
  ]);
  assert.deepEqual(grad.slice(4), [
    [0, 0, 0],
    [0, 0, 0],
  ]);
  assert.throws(
    () => positions.forward(randn([7, 3])),
    /sequence length 7 exceeds the table's 6 positions/,
  );
});

const small = (options: nn.TransformerLanguageModelOptions = {}) =>
  new nn.TransformerLanguageModel(11, {
    dModel: 8,
    nhead: 2,
    numLayers: 2,
    contextLength: 6,
    dropout: 0,
    generator: new Generator(7),
    ...options,
  });

test("language model: logits [N, T, V] (or [T, V]), tied weights, keys, causality", () => {
  const model = small();
  const input = tokens([
    [1, 2, 3, 4],
    [5, 6, 7, 8],
  ]);
  const logits = model.forward(input);
  assert.deepEqual(logits.shape, [2, 4, 11]);
  assert.deepEqual(model.forward(tokens([[1, 2, 3]])).shape, [1, 3, 11]);
  assert.deepEqual(model.forward(tensor([1, 2, 3], { dtype: "int32" })).shape, [3, 11]);
  assert.equal(model.head.weight, model.tokenEmbedding.weight);
  const keys = Object.keys(model.stateDict());
  for (const key of [
    "token_embedding.weight",
    "position_embedding.weight",
    "layers.1.self_attn.in_proj_weight",
    "norm.weight",
    "head.weight",
  ])
    assert.ok(keys.includes(key), key);
  assert.equal(model.parameters().filter((p) => p === model.head.weight).length, 1);
  assert.notEqual(
    small({ tieWeights: false }).head.weight,
    small({ tieWeights: false }).tokenEmbedding.weight,
  );
  // changing token 3 changes no logit before position 3
  const changed = model.forward(
    tokens([
      [1, 2, 3, 9],
      [5, 6, 7, 8],
    ]),
  );
  const before = logits
    .index(0)
    .slice(0, 0, 3)
    .sub(changed.index(0).slice(0, 0, 3));
  assert.ok(Math.max(...Array.from(before.abs().dataSync())) < 1e-6);
});

test("language model: the state dict round-trips; sinusoidal positions; clear errors", () => {
  const [model, copy] = [small(), small({ generator: new Generator(99) })];
  copy.loadStateDict(model.stateDict());
  const input = tokens([[3, 1, 4, 1, 5]]);
  assert.deepEqual(copy.forward(input).toArray(), model.forward(input).toArray());
  assert.ok(
    Object.keys(small({ positional: "sinusoidal" }).stateDict()).includes("position_embedding.pe"),
  );
  assert.throws(
    () => model.forward(tokens([[1, 2, 3, 4, 5, 6, 7]])),
    /TransformerLanguageModel: sequence length 7 exceeds contextLength 6/,
  );
  assert.throws(
    () => model.forward(tokens([[1, 11]])),
    /token 11 is out of range for vocabSize 11/,
  );
  assert.throws(() => model.forward(tensor([[1, 2]])), /tokens must be int32, got float32/);
});

test("language model: Adam lowers the next-token loss on a repeating sequence (seeded)", () => {
  const model = small();
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.01 });
  const sequence = tokens([[1, 2, 3, 1, 2, 3, 1]]);
  const [input, target] = [sequence.slice(1, 0, 6), sequence.slice(1, 1).reshape([6])];
  const loss = () => nn.crossEntropy(model.forward(input).reshape([6, 11]), target);
  const first = loss().item();
  for (let step = 0; step < 60; step++) {
    optimizer.zeroGrad();
    loss().backward();
    optimizer.step();
  }
  const last = loss().item();
  assert.ok(first > 2 && last < 0.2 * first, `loss ${first} → ${last}`);
});
