// Adam and AdamW: the first step moves every parameter by ≈ lr against its gradient's sign; decoupled decay.
import { test } from "node:test";
import assert from "node:assert/strict";
import { optim, randn, Generator, tensor } from "../../src/index.js";

test("Adam's first step moves each parameter by ≈ lr against the sign of its gradient", () => {
  const p = randn([50], { dtype: "float64", generator: new Generator(4), requiresGrad: true });
  const before = Array.from(p.dataSync());
  const weights = randn([50], { dtype: "float64", generator: new Generator(5) });
  p.mul(weights).sum().add(p.pow(2).sum()).backward();
  const gradient = Array.from(p.grad!.dataSync());
  new optim.Adam([p], { lr: 0.01 }).step();
  Array.from(p.dataSync()).forEach((value, i) => {
    const moved = value - before[i]!;
    assert.ok(
      Math.abs(moved + 0.01 * Math.sign(gradient[i]!)) < 1e-8,
      `parameter ${i} moved ${moved}`,
    );
  });
});

test("Adam's second step follows the bias-corrected moments", () => {
  const p = tensor([1], { dtype: "float64", requiresGrad: true });
  const adam = new optim.Adam([p], { lr: 0.1, betas: [0.5, 0.5], eps: 0 });
  p.mul(3).sum().backward();
  adam.step();
  adam.zeroGrad();
  p.mul(-1).sum().backward();
  adam.step();
  // m₂ = 0.5·1.5 − 0.5 = 0.25 → m̂ = 1/3; v₂ = 0.5·4.5 + 0.5 = 2.75 → v̂ = 11/3
  const expected = 0.9 - (0.1 * (1 / 3)) / Math.sqrt(11 / 3);
  assert.ok(Math.abs(p.item() - expected) < 1e-12);
});

test("AdamW decays weights decoupled from the gradient; state round-trips", () => {
  const p = tensor([2], { dtype: "float64", requiresGrad: true });
  const adamw = new optim.AdamW([p], { lr: 0.1, weightDecay: 0.5 });
  p.mul(0).sum().backward();
  adamw.step();
  assert.ok(Math.abs(p.item() - 2 * (1 - 0.05)) < 1e-12);
  const restored = new optim.AdamW([p], { lr: 0.1 });
  restored.loadStateDict(adamw.stateDict());
  assert.deepEqual(restored.stateDict().slots, adamw.stateDict().slots);
  assert.equal(restored.stepCount, 1);
});

test("schedules and clipping", () => {
  const cosine = optim.cosineDecay(0.1, { totalSteps: 100 });
  assert.ok(Math.abs(cosine(50) - 0.05) < 1e-15);
  assert.equal(cosine(200), 0);
  assert.ok(Math.abs(optim.exponentialDecay(1, 0.5)(3) - 0.125) < 1e-15);
  const warm = optim.linearWarmup(0.1, 10);
  assert.ok(Math.abs(warm(0) - 0.01) < 1e-15);
  assert.equal(warm(10), 0.1);
  const p = tensor([3, 4], { dtype: "float64", requiresGrad: true });
  p.mul(p).sum().div(2).backward();
  assert.equal(optim.clipGradNorm([p], 1), 5);
  assert.ok(Math.abs(optim.gradNorm([p]) - 1) < 1e-9);
});
