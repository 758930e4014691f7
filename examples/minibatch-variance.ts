// Experiment 2 (lecture §7): the mini-batch gradient's variance E‖∇f_B − ∇f‖² falls like 1/B (log-log slope ≈ −1).
import { data, Generator, logLogSlope, nn, optim, type Tensor } from "../src/index.js";
import { flag, logisticProblem, writePlot } from "./training-problem.js";

const samples = flag("samples", 2048);
const repeats = flag("repeats", 200);
const problem = logisticProblem(samples, 10);
const model = new nn.LogisticRegression(10, { dtype: "float64" });

// A point away from θ = 0 (a few GD steps), where the per-sample gradients disagree in direction too.
const { optimizer } = optim.gd(model.parameters(), { lr: 1 });
for (let k = 0; k < 5; k++) {
  optimizer.zeroGrad();
  nn.binaryCrossEntropyWithLogits(model.forward(problem.X), problem.y).backward();
  optimizer.step();
}

const parameters = model.parameters();
const gradientOn = (x: Tensor, y: Tensor): Float64Array => {
  const [, gradients] = optim.convergence.lossAndGradient(
    () => nn.binaryCrossEntropyWithLogits(model.forward(x), y),
    parameters,
  );
  return Float64Array.from(gradients.flatMap((gradient) => Array.from(gradient.dataSync())));
};
const full = gradientOn(problem.X, problem.y);

console.log(`S = ${samples}, ${repeats} batches per size, drawn with replacement`);
console.log("B      E‖∇f_B − ∇f‖²   × B");
const points: [number, number][] = [];
for (const batchSize of [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]) {
  const loader = new data.DataLoader(problem.dataset, {
    batchSize,
    replacement: true,
    generator: new Generator(batchSize),
  });
  let total = 0;
  for (let r = 0; r < repeats; r++) {
    const [x, y] = problem.dataset.getBatch(loader.epochIndices()[0]!);
    const batch = gradientOn(x!, y!);
    for (let i = 0; i < full.length; i++) total += (batch[i]! - full[i]!) ** 2;
  }
  const variance = total / repeats;
  points.push([batchSize, variance]);
  console.log(
    `${String(batchSize).padEnd(6)} ${variance.toExponential(3).padStart(14)}   ${(variance * batchSize).toFixed(4)}`,
  );
}
const slope = logLogSlope(points);
console.log(`\nfitted log-log slope: ${slope.toFixed(3)} (the lecture predicts −1)`);
const path = await writePlot("minibatch-variance.svg", {
  title: `Mini-batch gradient variance against B (slope ${slope.toFixed(2)})`,
  x: { title: "batch size B", scale: "log" },
  y: { title: "E‖∇f_B − ∇f‖²", scale: "log" },
  series: [
    { name: "measured", points },
    { name: "σ²/B", points: points.map(([b]) => [b, points[0]![1] / b] as [number, number]) },
  ],
});
console.log(`wrote ${path}`);
