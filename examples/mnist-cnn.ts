// A small CNN on the mnist package's 10,000 digits (8,000 to train, 2,000 to test): two 3×3
// conv–relu–pool blocks (32, 64 channels), a 128-unit head, Adam 1e-3, batches of 64, trained with
// optim.fit: a progress line on a terminal, a checkpoint after every epoch, --resume, a loss plot.
// Usage: node --import tsx examples/mnist-cnn.ts [--epochs 8] [--limit 8000] [--resume] [--out DIR]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { data, Generator, linePlotSvg, nn, optim, setNumThreads, tensor } from "../src/node.js";

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const out = process.argv.includes("--out")
  ? process.argv[process.argv.indexOf("--out") + 1]!
  : "mnist-cnn-output";
const [epochs, limit] = [flag("epochs", 8), flag("limit", 8000)];
setNumThreads(flag("threads", 1));

const generator = new Generator(0);
const { train, test } = await data.loadMnist({ testFraction: 0.2, seed: 0 });
const model = new nn.Sequential(
  new nn.Unflatten(1, [1, 28, 28]),
  new nn.Conv2d(1, 32, 3, { padding: 1, generator }),
  new nn.ReLU(),
  new nn.MaxPool2d(2),
  new nn.Conv2d(32, 64, 3, { padding: 1, generator }),
  new nn.ReLU(),
  new nn.MaxPool2d(2),
  new nn.Flatten(),
  new nn.Linear(64 * 7 * 7, 128, { generator }),
  new nn.ReLU(),
  new nn.Linear(128, 10, { generator }),
);
// the split lists digits in order: a limited run takes a random subset
const chosen = data.permutation(train.labels.size, generator).slice(0, limit);
const subset = tensor(chosen, { dtype: "int32" });
const digits = new data.TensorDataset(
  train.images.indexSelect(0, subset),
  train.labels.indexSelect(0, subset),
);
const loader = new data.DataLoader(digits, { batchSize: 64, shuffle: true, generator });
const testLoader = new data.DataLoader(new data.TensorDataset(test.images, test.labels), {
  batchSize: 500,
});
mkdirSync(out, { recursive: true });
const checkpoint = join(out, "checkpoint.safetensors");

let started = performance.now();
const result = await optim.fit(model, {
  loader,
  loss: nn.crossEntropy,
  optimizer: new optim.Adam(model.parameters(), { lr: 1e-3 }),
  epochs,
  metrics: { accuracy: optim.accuracy },
  validation: testLoader,
  checkpoint: { path: checkpoint },
  ...(process.argv.includes("--resume") ? { resume: checkpoint } : {}),
  progress: optim.terminalProgress() ?? false,
  onEpoch: ({ epoch, loss, metrics }) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const accuracy = metrics["validation.accuracy"]!.toFixed(4);
    console.log(
      `epoch ${epoch}: loss ${loss.toFixed(4)}, test accuracy ${accuracy}, ${seconds} s (${digits.length} digits)`,
    );
    started = performance.now();
  },
});
const points = (values: number[]) => values.map((value, i): [number, number] => [i + 1, value]);
const plot = await linePlotSvg({
  title: "MNIST CNN",
  x: { title: "epoch" },
  y: { title: "value" },
  series: [
    { name: "training loss", points: points(result.loss) },
    { name: "test accuracy", points: points(result.metrics["validation.accuracy"]!) },
  ],
}).catch(() => null); // vega and vega-lite are optional peers
if (plot !== null) writeFileSync(join(out, "curves.svg"), plot);
