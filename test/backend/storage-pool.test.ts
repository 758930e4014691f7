// backward() hands the buffers of its dead gradients back for reuse: the leaves' .grad, gradients kept
// by a custom op's rule and everything of a createGraph pass are never handed out again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { storagePoolStats } from "../../src/backend/storage-pool.js";
import { customOp } from "../../src/functional/custom-op.js";
import { randn } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";

const generator = new Generator(21);
/** A two-layer net whose intermediates (64 × 600 floats) are above the slab size. */
const net = (x: Tensor, w1: Tensor, w2: Tensor) => x.matmul(w1).relu().matmul(w2).square().sum();
/** New tensors of every size the net's pass allocates (its intermediates' and its weights'). */
const interfere = (w1: Tensor, w2: Tensor) => {
  for (let i = 0; i < 3; i++) {
    net(randn([64, 300], { generator }), w1.detach(), w2.detach());
    w1.detach().add(i);
    w2.detach().add(i);
  }
};

test("the leaves' gradients survive the reuse of the pass's other buffers", () => {
  const w1 = randn([300, 600], { generator, requiresGrad: true });
  const w2 = randn([600, 40], { generator, requiresGrad: true });
  const before = storagePoolStats().handedBack;
  net(randn([64, 300], { generator }), w1, w2).backward();
  assert.ok(storagePoolStats().handedBack > before, "the pass's dead gradients wait for reuse");
  const pooled = storagePoolStats().pooled;
  const kept = [w1.grad!.dataSync(), w2.grad!.dataSync()];
  // the same shapes again, without gradients: their outputs take the pooled buffers
  interfere(w1, w2);
  assert.ok(storagePoolStats().pooled < pooled, "the forward passes reused pooled buffers");
  assert.deepEqual(w1.grad!.dataSync(), kept[0]);
  assert.deepEqual(w2.grad!.dataSync(), kept[1]);
  // a second pass accumulates into the kept gradients
  net(randn([64, 300], { generator }), w1, w2).backward();
  interfere(w1, w2);
  assert.notDeepEqual(w1.grad!.dataSync(), kept[0], "the second pass added to the gradient");
});

test("a createGraph pass hands nothing back: its gradients keep their graph through reuse", () => {
  /** First and second order gradients of w1, with other allocations in between or not. */
  const run = (interfering: boolean): Float32Array[] => {
    const local = new Generator(8);
    const w1 = randn([300, 600], { generator: local, requiresGrad: true });
    const w2 = randn([600, 40], { generator: local, requiresGrad: true });
    const x = randn([64, 300], { generator: local });
    const before = storagePoolStats().handedBack;
    net(x, w1, w2).backward(undefined, { createGraph: true });
    assert.equal(storagePoolStats().handedBack, before);
    const gradient = w1.grad!;
    if (interfering) interfere(w1, w2);
    const first = gradient.dataSync() as Float32Array;
    w1.grad = null;
    gradient.square().sum().backward();
    return [first, w1.grad!.dataSync() as Float32Array];
  };
  assert.deepEqual(run(true), run(false));
});

test("a failed pass hands nothing back and stops recording: the next pass hands back again", () => {
  const failing = customOp({
    name: "failing",
    forward: (x) => x.mul(1),
    backward: () => {
      throw new Error("failing: no gradient");
    },
  });
  const w1 = randn([300, 600], { generator, requiresGrad: true });
  const w2 = randn([600, 40], { generator, requiresGrad: true });
  const doomed = failing(randn([64, 300], { generator }).matmul(w1).relu())
    .square()
    .sum();
  const before = storagePoolStats().handedBack;
  assert.throws(() => doomed.backward(), /failing: no gradient/);
  assert.equal(storagePoolStats().handedBack, before);
  net(randn([64, 300], { generator }), w1, w2).backward();
  assert.ok(storagePoolStats().handedBack > before);
});

test("a custom op's rule may keep its output gradient and what it creates", () => {
  const kept: Tensor[] = [];
  const keeping = customOp({
    name: "keeping",
    forward: (x) => x.mul(2),
    backward: (g) => {
      const scaled = g.mul(2);
      kept.push(g, scaled);
      return [scaled];
    },
  });
  const w = randn([300, 600], { generator, requiresGrad: true });
  const x = randn([64, 300], { generator });
  keeping(x.matmul(w)).relu().square().sum().backward();
  const snapshot = kept.map((t) => t.dataSync());
  for (let i = 0; i < 3; i++) keeping(randn([64, 300], { generator }).matmul(w.detach())).relu();
  kept.forEach((t, i) => assert.deepEqual(t.dataSync(), snapshot[i]));
});
