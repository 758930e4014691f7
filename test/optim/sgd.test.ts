// SGD: hand-computed momentum, Nesterov and weight-decay steps; state dicts; the lecture's presets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, tensor, type Tensor } from "../../src/index.js";

/** Runs `steps` optimizer steps on f(p) = p² from p = 1 and returns the iterates. */
function iterate(make: (p: Tensor) => optim.Optimizer, steps: number): number[] {
  const p = tensor([1], { dtype: "float64", requiresGrad: true });
  const optimizer = make(p);
  const values: number[] = [];
  for (let k = 0; k < steps; k++) {
    optimizer.zeroGrad();
    p.mul(p).sum().backward();
    optimizer.step();
    values.push(p.item());
  }
  return values;
}

const close = (actual: number[], expected: number[]): void =>
  expected.forEach((value, i) =>
    assert.ok(Math.abs(actual[i]! - value) < 1e-12, `${actual[i]} vs ${value}`),
  );

test("plain SGD is θ ← θ − α∇f", () => {
  close(
    iterate((p) => new optim.SGD([p], { lr: 0.1 }), 2),
    [0.8, 0.64],
  );
});

test("momentum 0.9 matches the hand-computed heavy-ball iterates", () => {
  // b₁ = 2, θ₁ = 0.8; b₂ = 0.9·2 + 1.6 = 3.4, θ₂ = 0.46; b₃ = 3.06 + 0.92 = 3.98, θ₃ = 0.062
  close(
    iterate((p) => new optim.SGD([p], { lr: 0.1, momentum: 0.9 }), 3),
    [0.8, 0.46, 0.062],
  );
});

test("Nesterov steps along g + μb", () => {
  // θ₁ = 1 − 0.1·(2 + 1.8) = 0.62; g = 1.24, b = 3.04, θ₂ = 0.62 − 0.1·(1.24 + 2.736) = 0.2224
  close(
    iterate((p) => new optim.SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true }), 2),
    [0.62, 0.2224],
  );
});

test("weight decay adds λθ to the gradient", () => {
  close(
    iterate((p) => new optim.SGD([p], { lr: 0.1, weightDecay: 0.5 }), 1),
    [0.75],
  );
});

test("a schedule sets the rate per step", () => {
  close(
    iterate(
      (p) => new optim.SGD([p], { lr: optim.stepDecay(0.1, { stepSize: 1, gamma: 0.5 }) }),
      2,
    ),
    [0.8, 0.72],
  );
});

test("the optimizer state round-trips: a restored optimizer continues identically", () => {
  const make = () => tensor([1, -2], { dtype: "float64", requiresGrad: true });
  const [a, b] = [make(), make()];
  const first = new optim.SGD([a], { lr: 0.05, momentum: 0.9 });
  const loss = (p: Tensor) => p.pow(4).sum();
  for (let k = 0; k < 3; k++) {
    first.zeroGrad();
    loss(a).backward();
    first.step();
  }
  b.data.set(a.data);
  const second = new optim.SGD([b], { lr: 0.05, momentum: 0.9 });
  second.loadStateDict(JSON.parse(JSON.stringify(first.stateDict())) as optim.OptimizerState);
  assert.equal(second.stepCount, 3);
  for (const [optimizer, p] of [
    [first, a],
    [second, b],
  ] as const) {
    optimizer.zeroGrad();
    loss(p).backward();
    optimizer.step();
  }
  assert.deepEqual(b.toArray(), a.toArray());
  assert.throws(
    () => new optim.Adam([b], { lr: 1 }).loadStateDict(first.stateDict()),
    /state is for SGD/,
  );
});

test("the lecture's methods are the same update with different batching", () => {
  const p = tensor([1], { requiresGrad: true });
  assert.deepEqual(optim.gd([p], { lr: 0.1 }).batching, {
    batchSize: "full",
    shuffle: false,
    replacement: false,
  });
  assert.deepEqual(optim.sgd([p], { lr: 0.1 }).batching, {
    batchSize: 1,
    shuffle: false,
    replacement: true,
  });
  const mini = optim.miniBatchSgd([p], { lr: 0.1, batchSize: 8 });
  assert.deepEqual(mini.batching, { batchSize: 8, shuffle: true, replacement: false });
  assert.ok(mini.optimizer instanceof optim.SGD);
});

test("bad parameters are named", () => {
  assert.throws(
    () => new optim.SGD([tensor([1])], { lr: 0.1 }),
    /parameter 0 \(shape \[1\], float32\) must be a floating leaf/,
  );
  const p = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { requiresGrad: true },
  );
  assert.throws(
    () => new optim.SGD([p.transpose().detach().requiresGrad_()], { lr: 0.1 }),
    /strided view/,
  );
  assert.throws(
    () => new optim.SGD([p], { lr: -1 }),
    /SGD: lr must be a finite number ≥ 0, got -1/,
  );
});
