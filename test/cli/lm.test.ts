// `gradus lm train` / `lm sample` on a slice of Brown (2 files, tiny models): perplexity starts near the
// vocabulary size and falls, --resume ends bit-identical, sampling repeats with its seed, bad input is
// one line (the flags one by one: test/cli/lm/options.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const gradus = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });
const dir = mkdtempSync(join(tmpdir(), "gradus-lm-"));
const tiny = (out: string, epochs: number, extra: string[] = []) => [
  "lm",
  "train",
  "--limit",
  "2",
  "--tokenizer",
  "bpe:400",
  "--context",
  "32",
  "--batch-size",
  "8",
  "--d-model",
  "32",
  "--heads",
  "2",
  "--epochs",
  String(epochs),
  "--out",
  out,
  ...extra,
];

interface TrainResult {
  vocabSize: number;
  initialValidationPerplexity: number;
  validationPerplexity: number;
  history: { loss: number[]; validationLoss: number[]; validationPerplexity: number[] };
  tokens: { train: number; validation: number };
}

/** Exit status 1 and exactly one stderr line `gradus: …` matching `pattern` (no stack trace). */
function assertOneLine(args: string[], pattern: RegExp): void {
  const run = gradus(args);
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /^gradus: /);
  assert.match(lines[0]!, pattern);
}

const transformerDir = join(dir, "transformer");

test("transformer on 2 Brown files: perplexity from ≈ the vocabulary size down, twice; --resume is bit-identical", () => {
  const run = gradus([...tiny(transformerDir, 2, ["--dropout", "0.1"]), "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as TrainResult;
  assert.equal(result.vocabSize, 400);
  // small random logits: every token about equally likely before training
  const initial = result.initialValidationPerplexity;
  assert.ok(initial > 0.8 * 400 && initial < 1.25 * 400, `initial perplexity ${initial}`);
  const [first, second] = result.history.validationPerplexity as [number, number];
  assert.ok(
    Number.isFinite(second) && first < initial / 2 && second < first,
    `${first}, ${second}`,
  );
  assert.equal(result.validationPerplexity, second);
  assert.ok(Math.abs(Math.log(second) - result.history.validationLoss[1]!) < 1e-12);
  for (const file of [
    "model.safetensors",
    "tokenizer.json",
    "config.json",
    "checkpoint.safetensors",
    "loss.svg",
  ])
    assert.ok(existsSync(join(transformerDir, file)), file);

  const staged = join(dir, "staged");
  assert.equal(gradus(tiny(staged, 1, ["--dropout", "0.1"])).status, 0);
  const resumed = gradus([...tiny(staged, 2, ["--dropout", "0.1"]), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming after epoch 1/);
  assert.deepEqual(
    readFileSync(join(staged, "model.safetensors")),
    readFileSync(join(transformerDir, "model.safetensors")),
  );
});

test("lm sample: the same seed gives the same text, another seed other text, temperature 0 the greedy one", () => {
  const sample = (seed: string, ...extra: string[]) => {
    const args = ["lm", "sample", "--model", transformerDir, "--prompt", "The jury said"];
    const run = gradus([...args, "--max-tokens", "20", "--seed", seed, "--json", ...extra]);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { text: string; tokens: { added: number[] } };
  };
  const [a, b, c] = [sample("1"), sample("1"), sample("2")];
  assert.equal(a.tokens.added.length, 20);
  assert.ok(a.text.startsWith("The jury said"));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.tokens.added, c.tokens.added);
  const greedy = [sample("1", "--temperature", "0"), sample("2", "--temperature", "0")];
  assert.deepEqual(greedy[0], greedy[1]);
});

test("lstm with a character tokenizer: perplexity falls below the initial one; sampling carries its state", () => {
  const out = join(dir, "lstm");
  const args = ["lm", "train", "--model", "lstm", "--limit", "2", "--tokenizer", "char"];
  const sizes = ["--context", "32", "--batch-size", "8", "--d-model", "32", "--out", out];
  const run = gradus([...args, ...sizes, "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as TrainResult;
  const initial = result.initialValidationPerplexity;
  assert.ok(
    Math.abs(initial / result.vocabSize - 1) < 0.2,
    `initial ${initial} of ${result.vocabSize}`,
  );
  assert.ok(result.validationPerplexity < initial / 2, `${result.validationPerplexity}`);
  // no position table: a prompt longer than --context is fine
  const prompt = "the ".repeat(20);
  const sampled = gradus(["lm", "sample", "--model", out, "--prompt", prompt, "--max-tokens", "5"]);
  assert.equal(sampled.status, 0, sampled.stderr);
  assert.equal(sampled.stdout.length, prompt.length + 5 + 1);
});

test("bad input is one line: model kind, long prompt, empty corpus, tokenizer file of another format", () => {
  assertOneLine(
    ["lm", "train", "--model", "gpt"],
    /--model expects transformer or lstm, got "gpt"/,
  );
  const prompt = "word ".repeat(40);
  assertOneLine(
    ["lm", "sample", "--model", transformerDir, "--prompt", prompt],
    /--prompt has \d+ tokens, more than the model's context of 32/,
  );
  const text = join(dir, "one-line.txt");
  writeFileSync(text, "only one line\n\n");
  assertOneLine(["lm", "train", "--corpus", text], /the corpus is too small: .*found 1/);
  for (const file of ["model.safetensors", "config.json"])
    writeFileSync(join(dir, file), readFileSync(join(transformerDir, file)));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify({ kind: "gradus.word-vocabulary" }));
  assertOneLine(["lm", "sample", "--model", dir, "--prompt", "x"], /tokenizer\.json: .*kind/);
});
