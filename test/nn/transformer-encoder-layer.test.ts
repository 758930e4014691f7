// nn.TransformerEncoderLayer, nn.TransformerEncoder and nn.TransformerDecoderOnlyBlock: PyTorch's keys,
// deep copies, causality (no position sees a later one), dropout and eval, activations, errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, randn, tensor, Tensor } from "../../src/index.js";

const maxDifference = (a: Tensor, b: Tensor): number =>
  Math.max(0, ...Array.from(a.sub(b).abs().dataSync()));

const LAYER_KEYS = [
  "self_attn.in_proj_weight",
  "self_attn.in_proj_bias",
  "self_attn.out_proj.weight",
  "self_attn.out_proj.bias",
  "linear1.weight",
  "linear1.bias",
  "linear2.weight",
  "linear2.bias",
  "norm1.weight",
  "norm1.bias",
  "norm2.weight",
  "norm2.bias",
];

test("state-dict keys and shapes are PyTorch's; bias false drops every bias", () => {
  const layer = new nn.TransformerEncoderLayer(16, 4, { dimFeedforward: 32 });
  const state = layer.stateDict();
  assert.deepEqual(Object.keys(state).sort(), [...LAYER_KEYS].sort());
  assert.deepEqual(state["linear1.weight"]!.shape, [32, 16]);
  assert.deepEqual(state["linear2.weight"]!.shape, [16, 32]);
  const bare = new nn.TransformerEncoderLayer(16, 4, { bias: false });
  assert.deepEqual(
    Object.keys(bare.stateDict()).filter((key) => key.includes("bias")),
    [],
  );
  assert.equal(new nn.TransformerEncoderLayer(8, 2).options.dimFeedforward ?? 2048, 2048);
  assert.deepEqual(new nn.TransformerEncoderLayer(8, 2).linear1.weight.shape, [2048, 8]);
});

test("TransformerEncoder: deep copies that start equal and train apart; keys layers.<i>.*, norm.*", () => {
  const layer = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0 });
  const encoder = new nn.TransformerEncoder(layer, 3, { norm: new nn.LayerNorm(8) });
  const keys = Object.keys(encoder.stateDict());
  assert.deepEqual(keys.filter((key) => key.startsWith("layers.2.")).length, LAYER_KEYS.length);
  assert.ok(keys.includes("norm.weight") && keys.includes("norm.bias"));
  const [first, second] = encoder.layers as [
    nn.TransformerEncoderLayer,
    nn.TransformerEncoderLayer,
  ];
  assert.notEqual(first.linear1.weight, second.linear1.weight);
  assert.notEqual(first.linear1.weight, layer.linear1.weight);
  assert.deepEqual(first.linear1.weight.toArray(), layer.linear1.weight.toArray());
  first.linear1.weight.data[0] = 42;
  assert.notEqual(second.linear1.weight.data[0], 42);
  assert.throws(
    () => new nn.TransformerEncoder(layer, 0),
    /numLayers must be a positive integer, got 0/,
  );
});

test("the decoder-only block is causal: outputs at t do not depend on inputs after t", () => {
  const block = new nn.TransformerDecoderOnlyBlock(8, 2, {
    dimFeedforward: 16,
    dropout: 0,
    generator: new Generator(2),
  });
  const x = randn([2, 5, 8], { generator: new Generator(3) });
  const changed = new Tensor(x.dataSync(), x.shape);
  for (let i = 3 * 8; i < 5 * 8; i++) changed.data[i] = 7; // positions 3 and 4 of the first sequence
  const [a, b] = [block.forward(x), block.forward(changed)];
  assert.ok(maxDifference(a.index(0).slice(0, 0, 3), b.index(0).slice(0, 0, 3)) < 1e-6);
  assert.ok(maxDifference(a.index(0).slice(0, 3), b.index(0).slice(0, 3)) > 1e-3);
  // it is the pre-norm encoder layer called with isCausal
  const layer = new nn.TransformerEncoderLayer(8, 2, {
    dimFeedforward: 16,
    dropout: 0,
    normFirst: true,
    batchFirst: true,
  });
  layer.loadStateDict(block.stateDict());
  assert.ok(maxDifference(layer.forward(x, { isCausal: true }), a) < 1e-6);
});

test("dropout (default 0.1) is active while training and off in eval; activations by name or function", () => {
  const layer = new nn.TransformerEncoderLayer(8, 2, {
    dimFeedforward: 16,
    generator: new Generator(4),
  });
  const x = randn([5, 2, 8], { generator: new Generator(5) });
  const evaluated = layer.eval().forward(x);
  assert.equal(maxDifference(layer.forward(x), evaluated), 0);
  assert.ok(maxDifference(layer.train().forward(x), evaluated) > 1e-3);
  const custom = new nn.TransformerEncoderLayer(8, 2, {
    dimFeedforward: 16,
    activation: (t) => t.tanh(),
  });
  const gelu = new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, activation: "gelu" });
  gelu.loadStateDict(custom.stateDict());
  assert.ok(maxDifference(custom.eval().forward(x), gelu.eval().forward(x)) > 1e-4);
});

test("padding: a padded position changes no other position's output", () => {
  const layer = new nn.TransformerEncoderLayer(8, 2, {
    dimFeedforward: 16,
    dropout: 0,
    batchFirst: true,
  });
  const x = randn([1, 4, 8], { generator: new Generator(6) });
  const padding = tensor([[0, 0, 0, 1]], { dtype: "int32" });
  const changed = new Tensor(x.dataSync(), x.shape);
  for (let i = 3 * 8; i < 4 * 8; i++) changed.data[i] = -5;
  const [a, b] = [
    layer.forward(x, { srcKeyPaddingMask: padding }),
    layer.forward(changed, { srcKeyPaddingMask: padding }),
  ];
  assert.ok(maxDifference(a.slice(1, 0, 3), b.slice(1, 0, 3)) < 1e-6);
  assert.ok(
    maxDifference(a.slice(1, 3), b.slice(1, 3)) > 1e-3,
    "the padded position itself changes",
  );
});
