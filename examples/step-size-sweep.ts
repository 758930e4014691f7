// Experiment 3 (lecture §6): full-batch GD for a sweep of αL, checked by the convergence monitor.
import { data, Generator, nn, optim, type PlotSeries, type Tensor } from "../src/index.js";
import { flag, logisticProblem, writePlot } from "./training-problem.js";

const steps = flag("steps", 60);
const problem = logisticProblem(flag("samples", 1024), 10);
// Least squares on the same inputs: a quadratic, where L is the curvature everywhere and αL > 2 diverges.
const targets = problem.X.matmul(
  data
    .makeBlobs({ nSamples: 10, centers: [[0]], generator: new Generator(3), dtype: "float64" })
    .X.reshape([10]),
);

interface Task {
  readonly name: string;
  readonly loss: (model: nn.LogisticRegression) => Tensor;
}
const tasks: Task[] = [
  {
    name: "logistic",
    loss: (model) => nn.binaryCrossEntropyWithLogits(model.forward(problem.X), problem.y),
  },
  { name: "least squares", loss: (model) => nn.mseLoss(model.forward(problem.X), targets).div(2) },
];

console.log(
  "task           αL     violations  monotone  Σ‖∇f‖² ≤ (2/α)(f₀ − f_T)   f₀          f_T",
);
for (const task of tasks) {
  const series: PlotSeries[] = [];
  for (const alphaL of [0.5, 0.9, 1, 1.5, 1.9, 2.1, 3, 10, 40]) {
    const model = new nn.LogisticRegression(10, { dtype: "float64" });
    const objective = () => task.loss(model);
    const L = optim.convergence.lipschitzEstimate(objective, model.parameters(), {
      generator: new Generator(1),
    }).value;
    const alpha = alphaL / L;
    const { optimizer } = optim.gd(model.parameters(), { lr: alpha });
    const monitor = new optim.convergence.ConvergenceMonitor({ lr: alpha });
    for (let k = 0; k < steps; k++) {
      optimizer.zeroGrad();
      const loss = objective();
      loss.backward();
      monitor.observe(loss, model.parameters());
      optimizer.step();
    }
    monitor.record(objective().item(), 0);
    const report = monitor.report();
    series.push({
      name: `αL = ${alphaL}`,
      points: report.losses.map((f, k) => [k, f] as [number, number]),
    });
    const cells = [
      task.name.padEnd(14),
      alphaL.toFixed(1).padEnd(6),
      String(report.violations.length).padStart(10),
      String(report.monotone).padStart(9),
      String(report.summedInequalityHolds).padStart(26),
      report.losses[0]!.toExponential(3).padStart(11),
      report.losses.at(-1)!.toExponential(3).padStart(11),
    ];
    console.log(cells.join(" "));
  }
  const path = await writePlot(`step-size-sweep-${task.name.replace(" ", "-")}.svg`, {
    title: `Full-batch GD on ${task.name}: f(θ_k) for several αL`,
    x: { title: "step k" },
    y: { title: "f(θ_k)", scale: "log" },
    series,
    points: false,
  });
  console.log(`wrote ${path}`);
}
