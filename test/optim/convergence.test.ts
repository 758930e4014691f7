// The lecture's §6–7 as numbers: L against its bound, GD with α = 1/L against Newton, SGD in expectation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { data, Generator, hessian, nn, optim, tensor } from "../../src/index.js";
import { logisticProblem, newtonOptimum, topEigenvalue } from "./logistic-problem.js";

const { convergence } = optim;

test("the power-iteration estimate of L is ≤ ‖[X 1]‖²/(4S) and matches the Hessian's top eigenvalue", () => {
  const { X, model, objective, f } = logisticProblem();
  const estimate = convergence.lipschitzEstimate(objective, model.parameters(), {
    generator: new Generator(1),
    tolerance: 1e-12,
    iterations: 500,
  });
  const bound = convergence.logisticLipschitzBound(X);
  const exact = topEigenvalue(
    hessian(f)(tensor([0, 0, 0], { dtype: "float64" })).toArray() as number[][],
  );
  assert.ok(estimate.converged);
  assert.ok(estimate.value <= bound * (1 + 1e-9), `estimate ${estimate.value} vs bound ${bound}`);
  assert.ok(
    Math.abs(estimate.value - exact) < 1e-8 * exact,
    `estimate ${estimate.value} vs exact ${exact}`,
  );
  // σ(1 − σ) = 1/4 at θ = 0, so there the bound is attained
  assert.ok(Math.abs(bound - exact) < 1e-8 * exact);
});

test("full-batch GD with α = 1/L decreases f at every step and reaches Newton's optimum within 1e-6", () => {
  const { model, objective, f } = logisticProblem();
  const L = convergence.lipschitzEstimate(objective, model.parameters(), {
    generator: new Generator(1),
    tolerance: 1e-12,
    iterations: 500,
  }).value;
  const optimum = newtonOptimum(f, 3);
  const fStar = f(tensor(optimum, { dtype: "float64" })).item();
  const { optimizer } = optim.gd(model.parameters(), { lr: 1 / L });
  const monitor = new convergence.ConvergenceMonitor({ lr: 1 / L });
  for (let k = 0; k < 3000; k++) {
    optimizer.zeroGrad();
    const loss = objective();
    loss.backward();
    monitor.observe(loss, model.parameters());
    optimizer.step();
  }
  monitor.record(objective().item(), 0);
  const report = monitor.report();
  assert.deepEqual(report.violations, []);
  assert.ok(report.monotone && report.summedInequalityHolds);
  assert.ok(report.sumGradNormSquared <= report.bound);
  const theta = [...model.weight.dataSync(), model.bias!.item()];
  const gap = Math.max(...theta.map((value, i) => Math.abs(value - optimum[i]!)));
  assert.ok(gap < 1e-6, `‖θ_GD − θ*‖∞ = ${gap}`);
  assert.ok(report.losses.at(-1)! - fStar < 1e-12);
});

test('lr "auto" picks 0.9/L; a step with αL > 2 is flagged by the monitor', () => {
  const { model, objective } = logisticProblem();
  const auto = optim.gd(model.parameters(), { lr: "auto", objective, generator: new Generator(1) });
  const L = convergence.lipschitzEstimate(objective, model.parameters(), {
    generator: new Generator(1),
  }).value;
  assert.ok(Math.abs(auto.optimizer.learningRate * L - 0.9) < 1e-4);
  assert.throws(
    () => optim.gd(model.parameters(), { lr: "auto" }),
    /needs the full-batch objective/,
  );
  const alpha = 3 / L;
  const { optimizer } = optim.gd(model.parameters(), { lr: alpha });
  const monitor = new convergence.ConvergenceMonitor({ lr: alpha });
  for (let k = 0; k < 20; k++) {
    optimizer.zeroGrad();
    const loss = objective();
    loss.backward();
    monitor.observe(loss, model.parameters());
    optimizer.step();
  }
  assert.ok(monitor.violations.length > 0);
});

test("SGD (B = 1, with replacement) and mini-batch SGD converge in expectation on a seeded problem", () => {
  const { X, y, f } = logisticProblem();
  const fStar = f(tensor(newtonOptimum(f, 3), { dtype: "float64" })).item();
  const dataset = new data.TensorDataset(X, y);
  for (const [name, batchSize, lr] of [
    ["sgd", 1, 0.05],
    ["miniBatchSgd", 16, 0.5],
  ] as const) {
    const gaps: number[] = [];
    for (let seed = 0; seed < 4; seed++) {
      const model = new nn.LogisticRegression(2, { dtype: "float64" });
      const method = optim.lectureMethod(name, model.parameters(), { lr, batchSize });
      const loader = new data.DataLoader(dataset, {
        ...method.batching,
        generator: new Generator(seed),
      });
      for (let epoch = 0; epoch < 5; epoch++) {
        for (const [xb, yb] of loader) {
          method.optimizer.zeroGrad();
          nn.binaryCrossEntropyWithLogits(model.forward(xb!), yb!).backward();
          method.optimizer.step();
        }
      }
      gaps.push(nn.binaryCrossEntropyWithLogits(model.forward(X), y).item() - fStar);
    }
    const meanGap = gaps.reduce((a, b) => a + b) / gaps.length;
    assert.ok(
      meanGap < 0.01 * (Math.log(2) - fStar) + 5e-3,
      `${name}: mean gap ${meanGap} (gaps ${gaps.join(", ")})`,
    );
  }
});
