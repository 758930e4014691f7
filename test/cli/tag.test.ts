// `gradus tag` on slices of Brown: the tagger beats the most-frequent-tag baseline, --resume ends
// bit-identical, predict prints word/TAG lines, eval scores tagged files, bad input is one line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const gradus = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
  });
const dir = mkdtempSync(join(tmpdir(), "gradus-tag-"));
const trained = join(dir, "tagger");
const UNIVERSAL = [
  "NOUN",
  "VERB",
  "ADJ",
  "ADV",
  "PRON",
  "DET",
  "ADP",
  "NUM",
  "CONJ",
  "PRT",
  ".",
  "X",
];

interface Score {
  accuracy: number;
  total: number;
  unknownTokens: number;
  unknownAccuracy: number;
}

test("800 sentences, 3 epochs: beats the most-frequent-tag baseline, most on unknown words", () => {
  const args = ["tag", "train", "--limit-sentences", "800", "--epochs", "3", "--lr", "0.01"];
  const run = gradus([...args, "--dim", "32", "--hidden", "32", "--out", trained, "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as {
    history: { loss: number[]; validationAccuracy: number[] };
    test: { sentences: number; tagger: Score; baseline: Score };
  };
  const { tagger, baseline } = result.test;
  assert.equal(result.test.sentences, 800);
  assert.equal(tagger.total, baseline.total);
  // both score the same words; the tagger must beat the floor, and by a margin where the baseline guesses
  assert.ok(tagger.accuracy > baseline.accuracy && tagger.accuracy > 0.85, JSON.stringify(tagger));
  assert.ok(tagger.unknownAccuracy > baseline.unknownAccuracy + 0.1, JSON.stringify(result.test));
  const [first, , last] = result.history.loss as [number, number, number];
  assert.ok(first < Math.log(12) && last < first / 2, `losses ${result.history.loss.join(", ")}`);
  for (const file of [
    "model.safetensors",
    "config.json",
    "vocabulary.json",
    "checkpoint.safetensors",
    "loss.svg",
  ])
    assert.ok(existsSync(join(trained, file)), file);
});

test("tag predict: one line of word/TAG per input line, blank lines kept; --json; stdin", () => {
  const text = join(dir, "text.txt");
  writeFileSync(text, 'The man said "no." He walked to the city.\n\nIt was good.\n');
  const run = gradus(["tag", "predict", "--model", trained, text]);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split("\n");
  assert.equal(lines.length, 4); // three lines and the final newline
  assert.equal(lines[1], "");
  const tokens = lines[0]!.split(" ").map((token) => token.split("/"));
  assert.deepEqual(
    tokens.map(([word]) => word),
    ["The", "man", "said", "``", "no", ".", "''", "He", "walked", "to", "the", "city", "."],
  );
  for (const [word, tag] of tokens) assert.ok(UNIVERSAL.includes(tag!), `${word}/${tag}`);
  const tagOf = (word: string) => tokens.find(([w]) => w === word)![1];
  assert.equal(tagOf("The"), "DET");
  assert.equal(tagOf("."), ".");
  assert.equal(tagOf("He"), "PRON");
  const json = gradus(["tag", "predict", "--model", trained, "--json"], "It was good.\n");
  assert.equal(json.status, 0, json.stderr);
  const [sentence] = JSON.parse(json.stdout) as { words: string[]; tags: string[] }[];
  assert.deepEqual(sentence!.words, ["It", "was", "good", "."]);
  assert.equal(sentence!.tags.length, 4);
  assert.equal(sentence!.tags[1], "VERB");
});

test("tag eval --data: the accuracy of a tagged file, counted by hand", () => {
  const tagged = join(dir, "tagged.txt");
  writeFileSync(tagged, "The/DET man/NOUN walked/VERB ./.\nHe/PRON said/VERB no/ADV ./.\n");
  const predicted = gradus(
    ["tag", "predict", "--model", trained, "--json"],
    "The man walked .\nHe said no .\n",
  );
  const sentences = JSON.parse(predicted.stdout) as { tags: string[] }[];
  const gold = ["DET", "NOUN", "VERB", ".", "PRON", "VERB", "ADV", "."];
  const right = sentences.flatMap((s) => s.tags).filter((tag, i) => tag === gold[i]).length;
  const run = gradus(["tag", "eval", "--model", trained, "--data", tagged, "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const scores = JSON.parse(run.stdout) as { sentences: number; tagger: Score; baseline: null };
  assert.equal(scores.sentences, 2);
  assert.equal(scores.tagger.total, 8);
  assert.equal(scores.tagger.accuracy, right / 8);
  assert.equal(scores.baseline, null);
});

test("--resume after epoch 1 of 2 ends bit-identical to two epochs straight; other flags are refused", () => {
  const slice = (out: string, epochs: number) =>
    ["tag", "train", "--limit-sentences", "200", "--epochs", String(epochs), "--dim", "16"].concat([
      "--hidden",
      "16",
      "--out",
      out,
    ]);
  const straight = join(dir, "straight");
  assert.equal(gradus(slice(straight, 2)).status, 0);
  const staged = join(dir, "staged");
  assert.equal(gradus(slice(staged, 1)).status, 0);
  const resumed = gradus([...slice(staged, 2), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming after epoch 1/);
  assert.deepEqual(
    readFileSync(join(staged, "model.safetensors")),
    readFileSync(join(straight, "model.safetensors")),
  );
  const other = gradus([...slice(staged, 3), "--resume", "--lr", "0.01"]);
  assert.notEqual(other.status, 0);
  assert.match(other.stderr, /other data, model or flags/);
});

test("bad input: one line on stderr, exit 1, no stack trace", () => {
  const broken = join(dir, "broken");
  const copy = (name: string, text?: string) =>
    writeFileSync(join(broken, name), text ?? readFileSync(join(trained, name)));
  spawnSync("mkdir", ["-p", broken]);
  copy("model.safetensors");
  copy("vocabulary.json");
  copy("config.json", "{ not json");
  const badTagged = join(dir, "bad-tagged.txt");
  writeFileSync(badTagged, "The/DET man\n");
  const cases: [string[], RegExp][] = [
    [["tag", "train", "--epochs", "0"], /--epochs must be ≥ 1/],
    [["tag", "train", "--lr", "fast"], /--lr expects a positive number/],
    [["tag", "train", "--test", "x.txt"], /--test needs --data/],
    [["tag", "train", "--data", join(dir, "missing.txt")], /cannot read it/],
    [["tag", "train", "--data", badTagged], /bad-tagged\.txt:1.*not word\/tag/],
    [["tag", "predict", "--model", join(dir, "nowhere"), badTagged], /cannot read .*config\.json/],
    [["tag", "predict", "--model", broken, badTagged], /config\.json is not valid JSON/],
    [["tag", "predict", "--model", trained, join(dir, "missing.txt")], /cannot read/],
    [["tag", "eval", "--model", trained, "--data", badTagged], /not word\/tag/],
  ];
  for (const [args, message] of cases) {
    const run = gradus(args);
    assert.equal(run.status, 1, `${args.join(" ")}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split("\n").length, 1, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(" "));
  }
  copy("config.json");
  const config = JSON.parse(readFileSync(join(trained, "config.json"), "utf8")) as {
    model: { hidden: number };
  };
  config.model.hidden += 1;
  copy("config.json", JSON.stringify(config));
  const tampered = gradus(["tag", "predict", "--model", broken], "Hello .\n");
  assert.equal(tampered.status, 1);
  assert.match(tampered.stderr, /model\.safetensors: "lstm\.weight_ih_l0" is float32 \[/);
});
