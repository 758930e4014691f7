// `gradus embed` on a small made-up corpus whose word classes are known: neighbours come from the right
// class in cosine order (checked against the saved vectors), --resume is bit-identical, errors are one line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Generator } from "../../src/index.js";
import { loadSafetensors } from "../../src/io/node/safetensors-file.js";

const gradus = (args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });
const dir = mkdtempSync(join(tmpdir(), "gradus-embed-"));
const ANIMALS = ["cat", "dog", "horse", "cow", "goat"];
const FOODS = ["fish", "meat", "grass", "hay", "bread"];
const VERBS = ["eats", "likes", "wants"];

// "the <animal> <verb> some <food> ." — animals share contexts with animals, foods with foods
const corpus = join(dir, "farm.txt");
const generator = new Generator(5);
const pick = (words: string[]) => words[generator.integer(words.length)]!;
writeFileSync(
  corpus,
  Array.from(
    { length: 600 },
    () => `The ${pick(ANIMALS)} ${pick(VERBS)} some ${pick(FOODS)}.`,
  ).join("\n"),
);
const train = (out: string, epochs: number) => [
  ...["embed", "train", "--data", corpus, "--subsample", "0", "--min-count", "1", "--window", "2"],
  ...[
    "--batch-size",
    "64",
    "--lr",
    "0.01",
    "--dim",
    "16",
    "--epochs",
    String(epochs),
    "--out",
    out,
  ],
];
const trained = join(dir, "vectors");

test("a made-up corpus: each word's nearest neighbours are its own class, in cosine order", async () => {
  const run = gradus([...train(trained, 3), "--probe", "cat,hay", "--json"]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as {
    words: number;
    history: { loss: number[] };
    neighbours: Record<string, { word: string }[]>;
  };
  assert.equal(result.words, 16); // 13 class words, the, some, "."
  const losses = result.history.loss;
  assert.ok(losses[2]! < losses[0]! && losses[0]! < 6 * Math.log(2), losses.join(", "));
  const neighbours = (word: string) => {
    const query = gradus(["embed", "neighbours", word, "--model", trained, "--k", "4", "--json"]);
    assert.equal(query.status, 0, query.stderr);
    return JSON.parse(query.stdout) as { word: string; cosine: number }[];
  };
  const cat = neighbours("cat");
  assert.deepEqual(cat.map((n) => n.word).sort(), ANIMALS.filter((w) => w !== "cat").sort());
  assert.deepEqual(
    result.neighbours["cat"]!.slice(0, 4).map((n) => n.word),
    cat.map((n) => n.word),
  );
  assert.deepEqual(
    neighbours("Hay")
      .map((n) => n.word)
      .sort(),
    ["bread", "fish", "grass", "meat"],
  );
  // the cosines, recomputed from the saved table, and in descending order
  const { tensors } = await loadSafetensors(join(trained, "model.safetensors"));
  const table = tensors["in_embedding.weight"]!;
  const vocabulary = JSON.parse(readFileSync(join(trained, "vocabulary.json"), "utf8")) as {
    words: string[];
  };
  const rowOf = (word: string) => {
    const id = vocabulary.words.indexOf(word) + 2;
    return Array.from(table.dataSync().subarray(id * 16, id * 16 + 16));
  };
  const cosine = (a: number[], b: number[]) => {
    const dot = (x: number[], y: number[]) => x.reduce((sum, v, i) => sum + v * y[i]!, 0);
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  };
  cat.forEach(({ word, cosine: shown }, i) => {
    assert.ok(Math.abs(shown - cosine(rowOf("cat"), rowOf(word))) < 1e-5, word);
    if (i > 0) assert.ok(shown <= cat[i - 1]!.cosine);
  });
  const text = gradus(["embed", "neighbours", "cat", "--model", trained, "--k", "2"]);
  assert.match(text.stdout, /^[a-z]+\t0\.\d{4}\n[a-z]+\t0\.\d{4}\n$/);
});

test("--resume after epoch 1 of 2 ends bit-identical to two epochs straight", () => {
  const straight = join(dir, "straight");
  assert.equal(gradus(train(straight, 2)).status, 0);
  const staged = join(dir, "staged");
  assert.equal(gradus(train(staged, 1)).status, 0);
  const resumed = gradus([...train(staged, 2), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, /resuming after epoch 1/);
  assert.deepEqual(
    readFileSync(join(staged, "model.safetensors")),
    readFileSync(join(straight, "model.safetensors")),
  );
});

test("bad input: one line on stderr, exit 1", () => {
  const broken = join(dir, "broken");
  mkdirSync(broken, { recursive: true });
  for (const name of ["model.safetensors", "config.json"])
    writeFileSync(join(broken, name), readFileSync(join(trained, name)));
  const vocabulary = JSON.parse(readFileSync(join(trained, "vocabulary.json"), "utf8")) as {
    words: string[];
    counts: number[];
  };
  vocabulary.words.pop();
  vocabulary.counts.pop();
  writeFileSync(join(broken, "vocabulary.json"), JSON.stringify(vocabulary));
  const empty = join(dir, "empty.txt");
  writeFileSync(empty, "\n\n");
  const cases: [string[], RegExp][] = [
    [
      ["embed", "neighbours", "zebra", "--model", trained],
      /"zebra" is not in the embeddings' vocabulary/,
    ],
    [["embed", "neighbours", "cat", "--model", trained, "--k", "0"], /--k must be ≥ 1/],
    [["embed", "neighbours", "cat", "--model", join(dir, "nowhere")], /cannot read .*config\.json/],
    [["embed", "neighbours", "cat", "--model", broken], /holds 17 ids but .*config\.json gives 18/],
    [["embed", "train", "--subsample", "2"], /--subsample expects a number in \[0, 1\)/],
    [["embed", "train", "--dim", "0"], /--dim must be ≥ 1/],
    [["embed", "train", "--data", empty], /has no sentences/],
  ];
  for (const [args, message] of cases) {
    const run = gradus(args);
    assert.equal(run.status, 1, `${args.join(" ")}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split("\n").length, 1, `${args.join(" ")}: ${run.stderr}`);
    assert.match(run.stderr, message, args.join(" "));
  }
});
