// Adam and AdamW: the first step moves every parameter by ≈ lr against its gradient's sign; decoupled decay.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { optim, randn, Generator, tensor } from "../../src/index.js";
import { close, torchEdges } from "../support/torch-fixture.js";

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

interface AdamCase {
  kind: "Adam" | "AdamW";
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  initial: number[][];
  gradients: (number[] | null)[][];
  final: number[][];
}

/** Runs `steps` where a null gradient means the parameter has none (grad = null) at that step. */
function runSteps(optimizer: optim.Optimizer, gradients: (number[] | null)[][]): void {
  for (const step of gradients) {
    optimizer.parameters.forEach((parameter, i) => {
      const values = step[i];
      parameter.grad = values == null ? null : tensor(values, { dtype: "float64" });
    });
    optimizer.step();
  }
}

test("Adam/AdamW count steps per parameter: PyTorch's values when a parameter misses gradients", () => {
  for (const c of torchEdges<AdamCase[]>("adam")) {
    const parameters = c.initial.map((values) =>
      tensor(values, { dtype: "float64", requiresGrad: true }),
    );
    const Optimizer = c.kind === "Adam" ? optim.Adam : optim.AdamW;
    const optimizer = new Optimizer(parameters, {
      lr: c.lr,
      betas: c.betas,
      eps: c.eps,
      weightDecay: c.weightDecay,
    });
    runSteps(optimizer, c.gradients);
    parameters.forEach((parameter, i) =>
      parameter
        .dataSync()
        .forEach((value, j) =>
          assert.ok(close(value, c.final[i]![j]!, 1e-12), `${c.kind} ${i}.${j}`),
        ),
    );
  }
});

test("a parameter first updated at step k moves like a fresh Adam's first step (≈ lr against its gradient)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      (k, magnitudes, decoupled) => {
        const busy = tensor([1, 2], { dtype: "float64", requiresGrad: true });
        const late = tensor(magnitudes, { dtype: "float64", requiresGrad: true });
        const Optimizer = decoupled ? optim.AdamW : optim.Adam;
        const optimizer = new Optimizer([busy, late], { lr: 0.01, weightDecay: 0 });
        const before = Array.from(late.dataSync());
        runSteps(optimizer, [
          ...Array.from({ length: k }, () => [[1, -1], null]),
          [[1, -1], magnitudes.map((m, i) => (i % 2 === 0 ? m : -m))],
        ]);
        Array.from(late.dataSync()).forEach((value, i) => {
          const expected = before[i]! - 0.01 * (i % 2 === 0 ? 1 : -1);
          assert.ok(
            Math.abs(value - expected) < 1e-9,
            `moved ${value - before[i]!} after ${k} idle steps`,
          );
        });
        // the per-parameter counts survive a state round trip, and old states without them still load
        const restored = new Optimizer([busy, late], { lr: 0.01 });
        restored.loadStateDict(optimizer.stateDict());
        assert.deepEqual(restored.stateDict().slots["step"], [[k + 1], [1]]);
        const { step: _, ...older } = optimizer.stateDict().slots;
        restored.loadStateDict({ ...optimizer.stateDict(), slots: older });
        assert.deepEqual(restored.stateDict().slots["step"], [[k + 1], [k + 1]]);
      },
    ),
    { seed: 10, numRuns: 50 },
  );
});
