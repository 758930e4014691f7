// A Sequential's activations between built-in layers are reused once backward() releases the graph;
// its input and output, what a user layer sees, and a retained graph's tensors never are.
import { test } from "node:test";
import assert from "node:assert/strict";
import { storagePoolStats } from "../../src/backend/storage-pool.js";
import { nn, randn, Generator, Tensor } from "../../src/index.js";

const generator = new Generator(17);

/** A layer of the user's that keeps what it sees (as one drawing activations would). */
class Keeper extends nn.Module {
  readonly seen: Tensor[] = [];
  forward(x: Tensor): Tensor {
    const y = x.mul(1.5);
    this.seen.push(x, y);
    return y;
  }
}

/** New tensors of the sizes a [64, 200] → [64, 300] → [64, 300] → [64, 10] pass allocates. */
function interfere(): void {
  for (let i = 0; i < 3; i++) {
    randn([64, 200], { generator }).add(1);
    randn([64, 300], { generator }).add(1).relu();
    randn([64, 10], { generator }).add(1);
  }
}

const snapshot = (tensors: readonly Tensor[]) => tensors.map((t) => t.dataSync());

test("built-in layers' activations are handed back; the input and output survive reuse", () => {
  const model = new nn.Sequential(
    new nn.Linear(200, 300, { generator }),
    new nn.ReLU(),
    new nn.Linear(300, 300, { generator }),
    new nn.Tanh(),
    new nn.Linear(300, 10, { generator }),
  );
  const x = randn([64, 200], { generator });
  const output = model.forward(x);
  const kept = snapshot([x, output]);
  const before = storagePoolStats().handedBack;
  output.square().sum().backward();
  // four activations of 64 × 300 floats, and the pass's gradients
  assert.ok(storagePoolStats().handedBack - before >= 4 * 64 * 300 * 4);
  interfere();
  assert.deepEqual(snapshot([x, output]), kept);
});

test("what a user layer sees, through Identity and Flatten views, is never handed back", () => {
  const keeper = new Keeper();
  const model = new nn.Sequential(
    new nn.Flatten(),
    new nn.Linear(200, 300, { generator }),
    new nn.Identity(),
    keeper,
    new nn.ReLU(),
    new nn.Linear(300, 10, { generator }),
  );
  // an input computed by an op, with gradients: Flatten's output is a view of its storage
  const x = randn([64, 4, 50], { generator, requiresGrad: true }).mul(2);
  const output = model.forward(x);
  const kept = snapshot([x, ...keeper.seen]);
  output.sum().backward();
  interfere();
  assert.deepEqual(snapshot([x, ...keeper.seen]), kept);
});

test("a retained graph hands nothing back: a second backward() gives the same gradients", () => {
  const model = new nn.Sequential(
    new nn.Linear(200, 300, { generator }),
    new nn.ReLU(),
    new nn.Linear(300, 10, { generator }),
  );
  const x = randn([64, 200], { generator });
  const loss = model.forward(x).square().sum();
  loss.backward(undefined, { retainGraph: true });
  const first = snapshot(model.parameters().map((p) => p.grad!));
  interfere();
  model.zeroGrad();
  loss.backward();
  assert.deepEqual(snapshot(model.parameters().map((p) => p.grad!)), first);
});

/** A small language model (float64 keeps the comparison exact) and its batch. */
function languageModel(activation?: (x: Tensor) => Tensor) {
  const model = new nn.TransformerLanguageModel(50, {
    dModel: 32,
    nhead: 2,
    numLayers: 2,
    contextLength: 16,
    dimFeedforward: 64,
    dropout: 0.1,
    dtype: "float64",
    generator: new Generator(5),
    ...(activation === undefined ? {} : { activation }),
  });
  const tokens = new Int32Array(4 * 16).map((_, i) => (i * 7 + 3) % 50);
  return { model, tokens: new Tensor(tokens, [4, 16]) };
}

/** Three SGD steps of the language model; parameters after them. */
function trainLanguageModel(options: { retainGraph: boolean }): Float64Array[] {
  const { model, tokens } = languageModel();
  for (let step = 0; step < 3; step++) {
    model.zeroGrad();
    const loss = model.forward(tokens).square().mean();
    loss.backward(undefined, options);
    for (const p of model.parameters()) p.data.set(p.sub(p.grad!.mul(0.1)).data);
    interfere();
  }
  return model.parameters().map((p) => Float64Array.from(p.dataSync()));
}

test("a language model's block internals are handed back and the training steps are unchanged", () => {
  const before = storagePoolStats().handedBack;
  const reused = trainLanguageModel({ retainGraph: false });
  // per step: at least the feed-forward hidden layers (2 layers × 64 rows × 64 doubles, twice)
  assert.ok(storagePoolStats().handedBack - before >= 3 * 2 * 2 * 64 * 64 * 8);
  assert.deepEqual(reused, trainLanguageModel({ retainGraph: true }));
});

test("what a user's activation sees in a transformer layer, and the model's output, survive reuse", () => {
  const seen: Tensor[] = [];
  const { model, tokens } = languageModel((x) => {
    const y = x.tanh();
    seen.push(x, y);
    return y;
  });
  const output = model.forward(tokens);
  const kept = snapshot([output, ...seen]);
  output.square().mean().backward();
  // a second pass takes the buffers the first handed back
  model.forward(tokens).square().mean().backward();
  assert.deepEqual(snapshot([output, ...seen.slice(0, kept.length - 1)]), kept);
});

test("MultiheadAttention's returned weights and output survive reuse", () => {
  const attention = new nn.MultiheadAttention(32, 4, { batchFirst: true, generator });
  const x = randn([4, 16, 32], { generator, requiresGrad: true });
  const [output, weights] = attention.forward(x, x, x);
  const kept = snapshot([x, output, weights!]);
  output.add(weights!.sum()).square().sum().backward();
  const [again] = attention.forward(x, x, x, { needWeights: false });
  again.square().sum().backward();
  assert.deepEqual(snapshot([x, output, weights!]), kept);
});
