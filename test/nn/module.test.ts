// Modules: dotted parameter names, train/eval, state dicts that round-trip and reject mismatches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, nn, randn, tensor, type Tensor } from "../../src/index.js";
import { Module } from "../../src/nn/module.js";

test("MLP parameters have dotted safetensors-style names", () => {
  const mlp = new nn.MLP([3, 4, 2], { generator: new Generator(1) });
  const names = mlp.namedParameters().map(([name]) => name);
  assert.deepEqual(names, ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"]);
  assert.deepEqual(mlp.namedParameters()[0]![1].shape, [4, 3]);
  assert.equal(mlp.parameters().length, 4);
  assert.deepEqual(mlp.forward(randn([5, 3])).shape, [5, 2]);
});

test("seeded initialisation is reproducible and within PyTorch's bound", () => {
  const a = new nn.Linear(16, 8, { generator: new Generator(7) });
  const b = new nn.Linear(16, 8, { generator: new Generator(7) });
  assert.deepEqual(a.weight.toArray(), b.weight.toArray());
  const bound = 1 / Math.sqrt(16);
  assert.ok(Array.from(a.weight.dataSync()).every((w) => Math.abs(w) <= bound));
  assert.equal(new nn.Linear(2, 3, { bias: false }).bias, null);
  const xavier = nn.xavierUniform([200, 300], { generator: new Generator(0), dtype: "float64" });
  const limit = Math.sqrt(6 / 500);
  const values = Array.from(xavier.dataSync());
  assert.ok(values.every((w) => Math.abs(w) <= limit));
  const variance = values.reduce((s, w) => s + w * w, 0) / values.length;
  assert.ok(Math.abs(variance - (limit * limit) / 3) < 0.05 * variance);
});

test("train() and eval() reach nested modules; dropout is the identity in eval mode", () => {
  const model = new nn.Sequential(
    new nn.Linear(2, 2),
    new nn.Dropout(0.5, { generator: new Generator(3) }),
  );
  model.eval();
  assert.equal(model.layers[1]!.training, false);
  const x = tensor([[1, 2]]);
  const drop = new nn.Dropout(0.5, { generator: new Generator(3) });
  assert.deepEqual(drop.eval().forward(x).toArray(), [[1, 2]]);
  const kept = drop
    .train()
    .forward(tensor(new Float64Array(1000).fill(1)))
    .dataSync();
  assert.ok(Array.from(kept).every((v) => v === 0 || v === 2));
  const mean = Array.from(kept).reduce((s, v) => s + v, 0) / kept.length;
  assert.ok(Math.abs(mean - 1) < 0.1);
});

test("stateDict round-trips into a fresh model, in place", () => {
  const source = new nn.MLP([3, 5, 1], { generator: new Generator(1) });
  const target = new nn.MLP([3, 5, 1], { generator: new Generator(2) });
  const weightBefore = target.parameters()[0]!;
  target.loadStateDict(source.stateDict());
  assert.equal(target.parameters()[0], weightBefore);
  const x = randn([4, 3], { generator: new Generator(9) });
  assert.deepEqual(target.forward(x).toArray(), source.forward(x).toArray());
  const saved = source.stateDict();
  source.parameters()[0]!.data[0] = 100;
  assert.notEqual(saved["layers.0.weight"]!.data[0], 100);
});

test("loadStateDict names missing and unexpected keys and mismatched shapes", () => {
  const model = new nn.Linear(3, 2);
  assert.throws(
    () => model.loadStateDict({ weight: randn([2, 3]), extra: randn([1]) }),
    /missing keys \[bias\], unexpected keys \[extra\]/,
  );
  assert.throws(
    () => model.loadStateDict({ weight: randn([3, 2]), bias: randn([2]) }),
    /"weight" has shape \[3, 2\] in the state dict but \[2, 3\] in the model/,
  );
});

test("Embedding looks rows up by int32 index and passes gradients to those rows", () => {
  const embed = new nn.Embedding(5, 3, { generator: new Generator(0), dtype: "float64" });
  const indices = tensor(
    [
      [4, 0],
      [4, 4],
    ],
    { dtype: "int32" },
  );
  const out = embed.forward(indices);
  assert.deepEqual(out.shape, [2, 2, 3]);
  out.sum().backward();
  assert.deepEqual(
    (embed.weight.grad!.toArray() as number[][]).map((row) => row[0]),
    [1, 0, 0, 0, 3],
  );
});

/** A module with a renamed parameter, a buffer under PyTorch's key, a null buffer and two inputs. */
class Scaled extends Module<[Tensor, Tensor], Tensor> {
  gainValue = tensor([2, 3], { requiresGrad: true });
  runningMean = tensor([0, 0]);
  steps = tensor(0, { dtype: "int32" });
  runningVar: Tensor | null = null;

  constructor() {
    super();
    this.renameParameter("gainValue", "gain");
    this.registerBuffer("runningMean", "running_mean");
    this.registerBuffer("steps", "num_batches_tracked");
    this.registerBuffer("runningVar", "running_var");
  }

  forward(x: Tensor, y: Tensor): Tensor {
    return x.mul(this.gainValue).add(y).sub(this.runningMean);
  }
}

test("buffers: in the state dict under their keys, not parameters; null ones left out", () => {
  const outer = new (class extends Module {
    inner = new Scaled();
    forward(x: Tensor): Tensor {
      return this.inner.forward(x, x);
    }
  })();
  assert.deepEqual(
    outer.namedParameters().map(([name]) => name),
    ["inner.gain"],
  );
  assert.deepEqual(
    outer.namedBuffers().map(([name]) => name),
    ["inner.running_mean", "inner.num_batches_tracked"],
  );
  const state = outer.stateDict();
  assert.deepEqual(Object.keys(state), [
    "inner.gain",
    "inner.running_mean",
    "inner.num_batches_tracked",
  ]);
  const other = new (class extends Module {
    inner = new Scaled();
    forward(x: Tensor): Tensor {
      return x;
    }
  })();
  other.loadStateDict({
    ...state,
    "inner.running_mean": tensor([1, -1]),
    "inner.num_batches_tracked": tensor(7, { dtype: "int32" }),
  });
  assert.deepEqual(other.inner.runningMean.toArray(), [1, -1]);
  assert.equal(other.inner.steps.item(), 7);
  assert.throws(
    () => other.loadStateDict({ "inner.gain": tensor([1, 1]) }),
    /missing keys \[inner\.running_mean, inner\.num_batches_tracked\]/,
  );
});

test("a module of two inputs, and functionalCall swapping a parameter and a buffer back afterwards", () => {
  const module = new Scaled();
  const [x, y] = [tensor([1, 1]), tensor([10, 20])];
  assert.deepEqual(module.forward(x, y).toArray(), [12, 23]);
  const swapped = nn.functionalCall(
    module,
    { gain: tensor([5, 5]), running_mean: tensor([1, 1]) },
    x,
    y,
  );
  assert.deepEqual(swapped.toArray(), [14, 24]);
  assert.deepEqual(module.forward(x, y).toArray(), [12, 23]);
  assert.throws(
    () => nn.functionalCall(module, { nope: x }, x, y),
    /no parameter or buffer "nope"/,
  );
});
