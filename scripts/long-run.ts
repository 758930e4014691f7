// Long run: 100,000 SGD steps of the spam model (SpamAssassin TF-IDF, sparse logistic regression) with memory bounds.
// Usage: node --expose-gc --import tsx scripts/long-run.ts [--steps 100000] [--every 5000] [--batch-size 32]
// Samples heap used, RSS and arrayBuffers after a full gc every --every steps and fails (exit 1) when any
// of them grows, between 10% of the run and its end, by more than its bound (--heap-mb, --rss-mb, --buffers-mb).
import { parseArgs } from "node:util";
import { Generator, data, getBackend, nn, optim, sparseMatmul, tensor } from "../src/node.js";

const { values: flags } = parseArgs({
  options: {
    steps: { type: "string", default: "100000" },
    every: { type: "string" },
    "batch-size": { type: "string", default: "32" },
    "heap-mb": { type: "string", default: "2" },
    "rss-mb": { type: "string", default: "16" },
    "buffers-mb": { type: "string", default: "1" },
  },
});
const steps = Number(flags.steps);
const every = Number(flags.every ?? Math.max(1, Math.round(steps / 20)));
const batchSize = Number(flags["batch-size"]);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("long-run: run with node --expose-gc (npm run long-run does)");
  process.exit(2);
}

interface Sample {
  readonly step: number;
  readonly heap: number;
  readonly rss: number;
  readonly buffers: number;
  readonly stepsPerSecond: number;
  readonly loss: number;
}
const MB = 1024 * 1024;

function sample(step: number, stepsPerSecond: number, loss: number): Sample {
  gc!();
  gc!();
  const usage = process.memoryUsage();
  return {
    step,
    heap: usage.heapUsed / MB,
    rss: usage.rss / MB,
    buffers: usage.arrayBuffers / MB,
    stepsPerSecond,
    loss,
  };
}

const { train } = await data.loadSpamAssassin({ seed: 0, testFraction: 0.2 });
const vectorizer = new data.TfidfVectorizer({
  stopWords: "english",
  minCount: 2,
  sublinearTf: true,
});
const rows = vectorizer.fitTransform(train.texts);
const labels = Float32Array.from(train.labels.dataSync());
const model = new nn.LogisticRegression(rows.cols);
const targets = tensor(labels);
const lr = optim.convergence.safeStepSize(
  () => nn.binaryCrossEntropyWithLogits(sparseMatmul(rows, model.weight).add(model.bias!), targets),
  model.parameters(),
  { iterations: 30, tolerance: 1e-3, generator: new Generator(0) },
);
const optimizer = new optim.SGD(model.parameters(), { lr });
const indices = tensor(Int32Array.from({ length: labels.length }, (_, i) => i));
const loader = new data.DataLoader(new data.TensorDataset(indices, targets), {
  batchSize,
  shuffle: true,
  generator: new Generator(0),
});
console.log(
  `long run: ${steps} steps, ${labels.length} mails × ${rows.cols} TF-IDF features (sparse), batch ${batchSize}, ` +
    `lr ${lr.toPrecision(4)}, ${getBackend()} backend, node ${process.version}`,
);

const samples: Sample[] = [sample(0, 0, Number.NaN)];
let step = 0;
let running = 0;
let clock = performance.now();
const started = clock;
while (step < steps) {
  for (const [batch, y] of loader) {
    optimizer.zeroGrad();
    const x = rows.selectRows(batch!.dataSync() as Int32Array);
    const loss = nn.binaryCrossEntropyWithLogits(
      sparseMatmul(x, model.weight).add(model.bias!),
      y!,
    );
    loss.backward();
    optimizer.step();
    running = 0.99 * running + 0.01 * loss.item();
    if (++step % every === 0) {
      const now = performance.now();
      samples.push(sample(step, (every * 1000) / (now - clock), running));
      clock = performance.now();
    }
    if (step === steps) break;
  }
}
const seconds = (performance.now() - started) / 1000;

const cell = (value: number, digits = 2) => value.toFixed(digits).padStart(10);
console.log(
  `${"step".padStart(8)}${"heap MB".padStart(10)}${"RSS MB".padStart(10)}${"buffers MB".padStart(12)}` +
    `${"steps/s".padStart(10)}${"loss".padStart(10)}`,
);
for (const s of samples) {
  console.log(
    `${String(s.step).padStart(8)}${cell(s.heap)}${cell(s.rss)}  ${cell(s.buffers)}` +
      `${s.step === 0 ? "".padStart(10) : cell(s.stepsPerSecond, 0)}${Number.isNaN(s.loss) ? "" : cell(s.loss, 4)}`,
  );
}

const baseline = samples.find((s) => s.step >= steps * 0.1) ?? samples[0]!;
const later = samples.filter((s) => s.step >= baseline.step);
const bounds = [
  { name: "heap used", key: "heap", limit: Number(flags["heap-mb"]) },
  { name: "RSS", key: "rss", limit: Number(flags["rss-mb"]) },
  { name: "arrayBuffers", key: "buffers", limit: Number(flags["buffers-mb"]) },
] as const;
let failed = false;
console.log(
  `\n${steps} steps in ${seconds.toFixed(1)} s (${(steps / seconds).toFixed(0)} steps/s); growth from step ${baseline.step} to the end:`,
);
for (const { name, key, limit } of bounds) {
  const growth = Math.max(...later.map((s) => s[key])) - baseline[key];
  const end = samples.at(-1)![key] - baseline[key];
  const ok = growth <= limit;
  failed ||= !ok;
  console.log(
    `  ${name.padEnd(13)} max +${growth.toFixed(2)} MB, end ${end >= 0 ? "+" : ""}${end.toFixed(2)} MB ` +
      `(${((100 * end) / baseline[key]).toFixed(1)}%), bound ${limit} MB: ${ok ? "ok" : "EXCEEDED"}`,
  );
}
if (!(running < 0.3)) {
  console.log(
    `  final running loss ${running.toFixed(4)} is not below 0.3: the model did not train`,
  );
  failed = true;
}
process.exit(failed ? 1 : 0);
