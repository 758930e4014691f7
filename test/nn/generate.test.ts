// Sampling and generation: temperature 0 is argmax, top-k never leaves the k largest, frequencies follow
// softmax(z/T), seeded runs repeat, the LSTM's carried states and the transformer's window agree with
// recomputing from scratch, and bad options are one error each.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, tensor, type Tensor } from "../../src/index.js";

test("sampleToken: temperature 0 and top-k 1 are argmax; frequencies follow softmax(z / T) within the top k", () => {
  const logits = [1, 3, 2, 0.5, 3];
  assert.equal(nn.sampleToken(logits, { temperature: 0 }), 1);
  assert.equal(nn.sampleToken(tensor(logits), { temperature: 0 }), 1);
  const generator = new Generator(7);
  const draws = 40000;
  for (const [temperature, topK] of [
    [1, undefined],
    [0.5, 3],
    [2, 2],
  ] as const) {
    const counts = new Array<number>(logits.length).fill(0);
    for (let i = 0; i < draws; i++)
      counts[
        nn.sampleToken(logits, { temperature, generator, ...(topK === undefined ? {} : { topK }) })
      ]!++;
    // ties with the k-th largest are kept: top-2 of [1, 3, 2, 0.5, 3] is the two 3s
    const kept = logits.map(
      (z) => topK === undefined || z >= [...logits].sort((a, b) => b - a)[topK - 1]!,
    );
    const weights = logits.map((z, i) => (kept[i] ? Math.exp(z / temperature) : 0));
    const total = weights.reduce((a, b) => a + b);
    counts.forEach((count, i) => {
      const p = weights[i]! / total;
      // 5 standard deviations of a binomial count
      assert.ok(
        Math.abs(count - p * draws) <= 5 * Math.sqrt(draws * p * (1 - p)) + 1,
        `T ${temperature} k ${topK} token ${i}: ${count} vs ${p * draws}`,
      );
    });
  }
});

test("sampleToken: errors name the option and the value", () => {
  assert.throws(() => nn.sampleToken([]), /sampleToken: the logits are empty/);
  assert.throws(() => nn.sampleToken([0, NaN]), /sampleToken: logit 1 is NaN/);
  assert.throws(
    () => nn.sampleToken([0], { temperature: -1 }),
    /temperature must be a finite number ≥ 0, got -1/,
  );
  assert.throws(() => nn.sampleToken([0], { topK: 0 }), /topK must be a positive integer, got 0/);
  assert.throws(
    () => nn.sampleToken([0], { topK: 1.5 }),
    /topK must be a positive integer, got 1.5/,
  );
});

const lstm = () => {
  const model = new nn.LSTMLanguageModel(12, {
    hiddenSize: 8,
    dtype: "float64",
    generator: new Generator(2),
  });
  return model;
};
const transformer = () =>
  new nn.TransformerLanguageModel(12, {
    dModel: 8,
    nhead: 2,
    numLayers: 1,
    contextLength: 6,
    dtype: "float64",
    generator: new Generator(2),
  });

/** Greedy continuation recomputed from scratch each step (the last `window` tokens, or all). */
function greedyFromScratch(
  model: nn.LSTMLanguageModel | nn.TransformerLanguageModel,
  prompt: number[],
  count: number,
  window: number,
) {
  const ids = [...prompt];
  for (let i = 0; i < count; i++) {
    const logits: Tensor = model.forward(tensor(ids.slice(-window), { dtype: "int32" }));
    ids.push(nn.sampleToken(logits.at(logits.shape[0]! - 1), { temperature: 0 }));
  }
  return ids.slice(prompt.length);
}

test("generate: greedy tokens equal recomputing from scratch (LSTM states carried; transformer window slides)", () => {
  const recurrent = lstm();
  recurrent.eval();
  const prompt = [3, 1, 4, 1, 5];
  const carried = nn.generate(recurrent, prompt, { maxNewTokens: 8, temperature: 0 });
  assert.deepEqual(Array.from(carried), greedyFromScratch(recurrent, prompt, 8, Infinity));
  const attention = transformer();
  attention.eval();
  // 5 + 8 tokens outgrow the 6 positions: the window keeps the last 6
  const slid = nn.generate(attention, prompt, { maxNewTokens: 8, temperature: 0 });
  assert.deepEqual(Array.from(slid), greedyFromScratch(attention, prompt, 8, 6));
});

test("generate: seeded runs repeat, other seeds differ; eval mode inside, the mode restored after", () => {
  const model = transformer();
  const sample = (seed: number) =>
    nn.generate(model, [1, 2], { maxNewTokens: 30, topK: 5, generator: new Generator(seed) });
  assert.equal(model.training, true);
  assert.deepEqual(sample(4), sample(4));
  assert.notDeepEqual(sample(4), sample(5));
  assert.equal(model.training, true);
  assert.equal(nn.generate(model, [1], { maxNewTokens: 0 }).length, 0);
  assert.ok(sample(4).every((id) => id >= 0 && id < 12));
});

test("generate: errors for an empty prompt, ids outside the vocabulary, bad counts", () => {
  const model = lstm();
  assert.throws(
    () => nn.generate(model, [], { maxNewTokens: 1 }),
    /generate: the prompt needs at least one token/,
  );
  assert.throws(
    () => nn.generate(model, [1, 12], { maxNewTokens: 1 }),
    /generate: prompt token 12 at position 1 is outside the vocabulary \(0 … 11\)/,
  );
  assert.throws(
    () => nn.generate(model, [1.5], { maxNewTokens: 1 }),
    /prompt token 1.5 at position 0/,
  );
  assert.throws(
    () => nn.generate(model, [1], { maxNewTokens: -1 }),
    /maxNewTokens must be an integer ≥ 0, got -1/,
  );
  assert.throws(
    () => nn.generate(model, [1], { maxNewTokens: 1, temperature: Infinity }),
    /generate: temperature/,
  );
});
