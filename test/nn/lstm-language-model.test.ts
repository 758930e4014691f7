// The LSTM language model: shapes, tied weights, PyTorch's state-dict keys, carried states equal one
// long call, errors, and a loss that falls on a repeating sequence.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, optim, tensor, type Tensor } from "../../src/index.js";

const tokens = (rows: number[][] | number[]): Tensor => tensor(rows, { dtype: "int32" });
const close = (a: Tensor, b: Tensor, tolerance: number) => {
  const [x, y] = [a.dataSync(), b.dataSync()];
  assert.equal(x.length, y.length);
  x.forEach((v, i) => assert.ok(Math.abs(v - y[i]!) <= tolerance, `at ${i}: ${v} vs ${y[i]}`));
};

test("shapes [N, T, V] and [T, V]; tied weights are one tensor; keys as PyTorch's word_language_model", () => {
  const lm = new nn.LSTMLanguageModel(11, {
    hiddenSize: 6,
    numLayers: 2,
    generator: new Generator(0),
  });
  assert.deepEqual(
    lm.forward(
      tokens([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).shape,
    [2, 3, 11],
  );
  assert.deepEqual(lm.forward(tokens([1, 2, 3, 4])).shape, [4, 11]);
  assert.equal(lm.head.weight, lm.tokenEmbedding.weight);
  assert.deepEqual(Object.keys(lm.stateDict()).sort(), [
    "head.bias",
    "head.weight",
    "lstm.bias_hh_l0",
    "lstm.bias_hh_l1",
    "lstm.bias_ih_l0",
    "lstm.bias_ih_l1",
    "lstm.weight_hh_l0",
    "lstm.weight_hh_l1",
    "lstm.weight_ih_l0",
    "lstm.weight_ih_l1",
    "token_embedding.weight",
  ]);
  // the embedding starts U(−0.1, 0.1), the output bias at 0
  const weights = lm.tokenEmbedding.weight.dataSync();
  assert.ok(weights.every((w) => Math.abs(w) <= 0.1) && weights.some((w) => Math.abs(w) > 0.05));
  assert.ok(lm.head.bias!.dataSync().every((b) => b === 0));
  const untied = new nn.LSTMLanguageModel(11, {
    hiddenSize: 6,
    embeddingDim: 4,
    tieWeights: false,
  });
  assert.notEqual(untied.head.weight, untied.tokenEmbedding.weight);
  assert.deepEqual(untied.head.weight.shape, [11, 6]);
});

test("forwardWithState: two calls carrying the states give one long call's logits", () => {
  const lm = new nn.LSTMLanguageModel(9, {
    hiddenSize: 5,
    dtype: "float64",
    generator: new Generator(3),
  });
  lm.eval();
  const whole = lm.forward(tokens([[1, 4, 2, 8, 0, 3]]));
  const [first, state] = lm.forwardWithState(tokens([[1, 4, 2]]), null);
  const [second] = lm.forwardWithState(tokens([[8, 0, 3]]), state);
  close(first, whole.slice(1, 0, 3), 1e-12);
  close(second, whole.slice(1, 3, 6), 1e-12);
});

test("errors: float tokens, rank 3, ids outside the vocabulary, tied weights of two widths", () => {
  const lm = new nn.LSTMLanguageModel(5, { hiddenSize: 4 });
  assert.throws(
    () => lm.forward(tensor([1, 2])),
    /LSTMLanguageModel: tokens must be int32, got float32/,
  );
  assert.throws(
    () => lm.forward(tokens([1]).reshape([1, 1, 1])),
    /tokens must be \[N, T\] or \[T\], got \[1, 1, 1\]/,
  );
  assert.throws(() => lm.forward(tokens([1, 5])), /token 5 is out of range for vocabSize 5/);
  assert.throws(() => lm.forward(tokens([-1])), /token -1 is out of range/);
  assert.throws(
    () => new nn.LSTMLanguageModel(5, { hiddenSize: 4, embeddingDim: 3 }),
    /tied weights need embeddingDim = hiddenSize, got 3 and 4/,
  );
});

test("a repeating sequence: 60 Adam steps take the loss from ≈ ln V to under a tenth of it", () => {
  const vocabSize = 8;
  const lm = new nn.LSTMLanguageModel(vocabSize, {
    hiddenSize: 16,
    dropout: 0,
    generator: new Generator(1),
  });
  const sequence = Array.from({ length: 25 }, (_, i) => (i * 3) % vocabSize);
  const [inputs, targets] = [tokens([sequence.slice(0, -1)]), tokens([sequence.slice(1)])];
  const optimizer = new optim.Adam(lm.parameters(), { lr: 0.03 });
  const lossOf = () =>
    nn.crossEntropy(lm.forward(inputs).reshape([24, vocabSize]), targets.reshape([24]));
  const initial = lossOf().item();
  assert.ok(Math.abs(initial - Math.log(vocabSize)) < 0.1, `initial loss ${initial}`);
  for (let step = 0; step < 60; step++) {
    optimizer.zeroGrad();
    lossOf().backward();
    optimizer.step();
  }
  assert.ok(lossOf().item() < initial / 10, `final loss ${lossOf().item()}`);
});
