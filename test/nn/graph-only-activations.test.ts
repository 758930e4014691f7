// A Sequential's activations between built-in layers are reused once backward() releases the graph;
// its input and output, what a user layer sees, and a retained graph's tensors never are.
import { test } from "node:test";
import assert from "node:assert/strict";
import { storagePoolStats } from "../../src/backend/storage-pool.js";
import { nn, randn, Generator, type Tensor } from "../../src/index.js";

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
