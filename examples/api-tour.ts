// The README's API tour for tensors, training and text, run as written (test/examples checks its output).
import {
  tensor,
  randn,
  grad,
  hessian,
  noGrad,
  manualSeed,
  nn,
  optim,
  data,
  fit,
} from "../src/index.js";
import { Generator, sparseMatmul, type Tensor } from "../src/index.js";

// Tensors and autodiff (lecture §4–5): broadcasting, float32/float64, imperative and functional.
manualSeed(0);
const X = tensor(
  [
    [1, 2],
    [3, 4],
    [5, 6],
  ],
  { dtype: "float64" },
);
const w = tensor([0.5, -0.25], { dtype: "float64", requiresGrad: true });
const loss = X.matmul(w).sigmoid().log().neg().mean(); // −mean log σ(Xw)
loss.backward();
console.log(`loss = ${loss.item().toFixed(6)}, w.grad = ${fmt(w.grad!.toArray())}`);
const cube = (x: Tensor) => x.pow(3).sum();
console.log(
  `∇(Σ ∇Σx³) at [1, 2] = ${fmt(grad((x: Tensor) => grad(cube)(x).sum())(tensor([1, 2], { dtype: "float64" })).toArray())}`,
);
console.log(
  `hessian(Σx³)([1, 2]) = ${fmt(hessian(cube)(tensor([1, 2], { dtype: "float64" })).toArray())}`,
);
console.log(
  `broadcast: ${fmt(
    tensor([[1], [2]])
      .add(tensor([10, 20, 30]))
      .toArray(),
  )}`,
);

// Training (lecture §6–7): the same update with full batches, one sample, or mini-batches.
const generator = new Generator(7);
const blobs = data.makeBlobs({ nSamples: 400, centers: 2, generator });
const model = new nn.LogisticRegression(2);
const objective = () =>
  nn.binaryCrossEntropyWithLogits(model.forward(blobs.X), blobs.y.astype("float32"));
const bound = optim.convergence.logisticLipschitzBound(blobs.X);
const lr = optim.convergence.safeStepSize(objective, model.parameters(), { generator });
console.log(`L ≤ ${bound.toFixed(4)}; safe step 0.9/L = ${lr.toFixed(4)}`);
const monitor = new optim.convergence.ConvergenceMonitor({ lr });
const optimizer = new optim.SGD(model.parameters(), { lr });
for (let step = 0; step < 50; step++) {
  optimizer.zeroGrad();
  const f = objective();
  f.backward();
  monitor.observe(f, model.parameters());
  optimizer.step();
}
const report = monitor.report();
console.log(
  `full GD: monotone ${report.monotone}, Σ‖∇f‖² ≤ (2/α)(f₀ − f_T): ${report.summedInequalityHolds}`,
);

const mlp = new nn.MLP([2, 16, 2], { generator });
const loader = new data.DataLoader(new data.TensorDataset(blobs.X, blobs.y), {
  batchSize: 32,
  shuffle: true,
  generator,
});
const history = fit(mlp, loader, {
  optimizer: new optim.Adam(mlp.parameters(), { lr: 0.01 }),
  epochs: 10,
  lossFn: (logits, labels) => nn.crossEntropy(logits, labels),
  progress: false,
});
console.log(
  `MLP + Adam, mini-batches of 32: accuracy ${history.metrics.accuracy!.at(-1)!.toFixed(3)}`,
);

// Long runs: checkpoints every epoch (here kept in memory), a stop signal, and exact resume.
const saved: optim.TrainingState[] = [];
const stop = new AbortController();
const runLoader = () =>
  new data.DataLoader(new data.TensorDataset(blobs.X, blobs.y), {
    batchSize: 32,
    shuffle: true,
    generator: new Generator(5),
  });
const fresh = () => new nn.MLP([2, 8, 2], { generator: new Generator(6) });
const stopped = fresh();
const first = await optim.fit(stopped, {
  loader: runLoader(),
  loss: nn.crossEntropy,
  optimizer: new optim.Adam(stopped.parameters(), { lr: 0.01 }),
  epochs: 3,
  signal: stop.signal,
  checkpoint: { save: (state) => void saved.push(state) },
  onBatch: ({ step }) => (step === 20 ? stop.abort() : undefined),
});
const resumed = fresh();
await optim.fit(resumed, {
  loader: runLoader(),
  loss: nn.crossEntropy,
  optimizer: new optim.Adam(resumed.parameters(), { lr: 0.01 }),
  epochs: 3,
  resume: saved.at(-1)!,
});
const straight = fresh();
await optim.fit(straight, {
  loader: runLoader(),
  loss: nn.crossEntropy,
  optimizer: new optim.Adam(straight.parameters(), { lr: 0.01 }),
  epochs: 3,
});
const bits = (model: nn.Module) =>
  Object.values(model.stateDict()).flatMap((t) => Array.from(t.dataSync()));
const same = bits(resumed).every((value, i) => Object.is(value, bits(straight)[i]));
console.log(`stopped at ${fmt(first.interrupted)}; resumed = uninterrupted: ${same}`);

// Text: TF-IDF rows as a sparse CSR matrix, multiplied by dense weights without densifying.
const texts = ["cheap pills now", "meeting at noon", "cheap cheap offer", "lunch at noon"];
const tfidf = new data.TfidfVectorizer();
const features = tfidf.fitTransform(texts); // CsrMatrix [4, vocabulary size]
const weights = randn([features.shape[1]!, 1], { requiresGrad: true });
sparseMatmul(features, weights).sum().backward();
console.log(
  `tf-idf ${features.shape.join("×")}, nnz ${features.nnz}, ∂/∂weights ${weights.grad!.shape.join("×")}`,
);
noGrad(() => console.log(`no graph under noGrad: ${X.mul(2).requiresGrad}`));

function fmt(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === "number" ? Number(v.toPrecision(6)) : v,
  );
}
