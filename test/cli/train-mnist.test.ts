// `gradus train --dataset mnist` on a slice of 300 digits: the cnn's loss falls, checkpoint + --resume
// give the same weights bit for bit, the saved model reads pixel CSVs, bad flags are one line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadMnist } from "../../src/data/node/mnist.js";

const gradus = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });
const dir = mkdtempSync(join(tmpdir(), "gradus-mnist-"));
const slice = (out: string, model: string, epochs: number) => [
  "train",
  "--dataset",
  "mnist",
  "--model",
  model,
  "--limit",
  "300",
  "--epochs",
  String(epochs),
  "--out",
  out,
  "--seed",
  "3",
];

interface Result {
  config: { model: string; hidden: number[] };
  lr: number;
  history: { loss: number[]; accuracy: number[]; testAccuracy: number[] };
  test: { samples: number; accuracy: number };
}

test("cnn on 300 digits: the loss falls over 2 epochs; --resume after epoch 1 ends bit-identical", () => {
  const straight = join(dir, "straight");
  const run = gradus([...slice(straight, "cnn", 2), "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as Result;
  assert.deepEqual(result.config.hidden, [128]);
  assert.equal(result.lr, 0.001);
  assert.equal(result.test.samples, 75);
  const [first, second] = result.history.loss as [number, number];
  // from ≈ ln 10 (uniform guesses) down, and further down in the second epoch
  assert.ok(first < Math.log(10) && second < first - 0.05, `losses ${first}, ${second}`);
  assert.equal(result.history.testAccuracy.length, 2);
  assert.equal(result.history.testAccuracy[1], result.test.accuracy);
  for (const file of ["model.safetensors", "checkpoint.safetensors", "loss.svg"])
    assert.ok(existsSync(join(straight, file)), file);

  const staged = join(dir, "staged");
  assert.equal(gradus(slice(staged, "cnn", 1)).status, 0);
  const resumed = gradus([...slice(staged, "cnn", 2), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming after epoch 1/);
  assert.deepEqual(
    readFileSync(join(staged, "model.safetensors")),
    readFileSync(join(straight, "model.safetensors")),
  );
  const other = gradus([...slice(staged, "cnn", 2), "--resume", "--limit", "200"]);
  assert.notEqual(other.status, 0);
  assert.match(other.stderr, /other data, model or flags/);
});

test("the saved model classifies a pixel CSV (0–255, as MNIST CSV files hold them) with eval", async () => {
  const out = join(dir, "mlp");
  assert.equal(gradus(slice(out, "mlp", 2)).status, 0);
  const { test: digits } = await loadMnist({ testFraction: 0.2, seed: 3 });
  const pixels = digits.images.dataSync();
  const labels = digits.labels.dataSync();
  const header = ["label", ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)].join(",");
  const lines = Array.from({ length: 40 }, (_, row) =>
    [
      labels[row * 50],
      ...Array.from(pixels.subarray(row * 50 * 784, (row * 50 + 1) * 784), (v) =>
        Math.round(v * 255),
      ),
    ].join(","),
  );
  const csv = join(dir, "digits.csv");
  writeFileSync(csv, [header, ...lines].join("\n") + "\n");
  const evaluation = gradus(["eval", "--model", out, "--data", csv, "--json"]);
  assert.equal(evaluation.status, 0, evaluation.stderr);
  const report = JSON.parse(evaluation.stdout) as { samples: number; accuracy: number };
  assert.equal(report.samples, 40);
  assert.ok(report.accuracy > 0.3, String(report.accuracy));
});

test("bad --dataset flags: one line on stderr, exit ≠ 0", () => {
  const cases: string[][] = [
    ["train", "--dataset", "cifar"],
    ["train", "--dataset", "mnist", "--data", "x.csv"],
    ["train", "--dataset", "mnist", "--limit", "0"],
    ["train", "--dataset", "mnist", "--limit", "ten"],
    ["train", "--dataset", "mnist", "--test-fraction", "0"],
    ["train", "--dataset", "mnist", "--model", "cnn", "--hidden", "64,32"],
    ["train", "--dataset", "mnist", "--model", "logreg"],
  ];
  for (const args of cases) {
    const run = gradus([...args, "--out", join(dir, "bad")]);
    assert.notEqual(run.status, 0, args.join(" "));
    assert.equal(run.stderr.trim().split("\n").length, 1, `${args.join(" ")}: ${run.stderr}`);
  }
});
