// Experiment 1 (lecture §6–7): GD vs SGD vs mini-batch SGD on logistic regression, per gradient evaluation and per second.
import { data, Generator, nn, optim, type PlotSeries } from "../src/index.js";
import { flag, logisticProblem, writePlot } from "./training-problem.js";

const samples = flag("samples", 2048);
const epochs = flag("epochs", 8);
const problem = logisticProblem(samples, 10);
const probe = new nn.LogisticRegression(10, { dtype: "float64" });
const objective = () => nn.binaryCrossEntropyWithLogits(probe.forward(problem.X), problem.y);
const L = optim.convergence.lipschitzEstimate(objective, probe.parameters(), {
  generator: new Generator(1),
}).value;
console.log(`logistic regression: S = ${samples}, d = 10, L ≈ ${L.toFixed(4)}`);
// NOTE: one observation's curvature ‖xᵢ‖²/4 is far above L, so small batches need smaller steps:
// α = min(1, B/64)/L (the linear scaling rule), the full 1/L from B = 64 up.
const stepSize = (batchSize: number): number => Math.min(1, batchSize / 64) / L;

const methods = [
  { label: "SGD (B = 1)", name: "sgd", batchSize: 1 },
  { label: "mini-batch B = 8", name: "miniBatchSgd", batchSize: 8 },
  { label: "mini-batch B = 64", name: "miniBatchSgd", batchSize: 64 },
  { label: "mini-batch B = 512", name: "miniBatchSgd", batchSize: 512 },
  { label: "GD (full batch)", name: "gd", batchSize: samples },
] as const;

const byEvaluations: PlotSeries[] = [];
const byTime: PlotSeries[] = [];
console.log("\nmethod               α·L     steps   f after 1 epoch   f after all   time (ms)");
for (const method of methods) {
  const model = new nn.LogisticRegression(10, { dtype: "float64" });
  const { optimizer, batching } = optim.lectureMethod(method.name, model.parameters(), {
    lr: stepSize(method.batchSize),
    batchSize: method.batchSize,
  });
  const loader = new data.DataLoader(problem.dataset, { ...batching, generator: new Generator(7) });
  const checkpointEvery = Math.max(1, Math.floor(loader.length / 4));
  const evaluations: [number, number][] = [[0, problem.loss(model)]];
  const times: [number, number][] = [[0, problem.loss(model)]];
  let elapsed = 0;
  let seen = 0;
  let steps = 0;
  let afterOneEpoch = NaN;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const [x, y] of loader) {
      const start = performance.now();
      optimizer.zeroGrad();
      nn.binaryCrossEntropyWithLogits(model.forward(x!), y!).backward();
      optimizer.step();
      elapsed += performance.now() - start;
      seen += x!.shape[0]!;
      if (++steps % checkpointEvery === 0) {
        const f = problem.loss(model);
        evaluations.push([seen, f]);
        times.push([elapsed, f]);
      }
    }
    if (epoch === 0) afterOneEpoch = problem.loss(model);
  }
  const final = problem.loss(model);
  byEvaluations.push({ name: method.label, points: evaluations });
  byTime.push({ name: method.label, points: times });
  console.log(
    `${method.label.padEnd(20)} ${(stepSize(method.batchSize) * L).toFixed(3)}  ${String(steps).padStart(6)}   ${afterOneEpoch.toFixed(6).padStart(15)}   ${final.toFixed(6).padStart(11)}   ${elapsed.toFixed(0).padStart(9)}`,
  );
}

const first = await writePlot("gd-vs-sgd-evaluations.svg", {
  title: "Loss against per-sample gradient evaluations",
  x: { title: "gradient evaluations (samples seen)", scale: "log" },
  y: { title: "f(θ)", scale: "log" },
  series: byEvaluations,
  points: false,
});
const second = await writePlot("gd-vs-sgd-time.svg", {
  title: "Loss against wall time",
  x: { title: "training time (ms)", scale: "log" },
  y: { title: "f(θ)", scale: "log" },
  series: byTime,
  points: false,
});
console.log(`\nwrote ${first} and ${second}`);
