// Faults in `gradus train`: Ctrl-C (twice), a full disk (file size limit, tmpfs), a read-only --out; nothing lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Generator } from "../../src/tensor/random.js";
import { loadCheckpoint } from "../../src/io/node/checkpoint-file.js";
import { loadSafetensors } from "../../src/io/node/safetensors-file.js";
import { makeReadOnly } from "./read-only-dir.js";

const dir = mkdtempSync(join(tmpdir(), "gradus-faults-"));
const CLI = ["--import", "tsx", "src/cli/main.ts"];
const gradus = (args: string[]) =>
  spawnSync(process.execPath, [...CLI, ...args], { encoding: "utf8" });

/** 2,000 short messages: spam or ham words with shared filler (seeded), so an epoch at batch size 1 takes a while. */
const mail = join(dir, "mail.jsonl");
{
  const generator = new Generator(8);
  const pick = (words: string[]) => words[generator.integer(words.length)]!;
  const spam = ["winner", "free", "money", "offer", "click", "prize", "cash", "deal"];
  const ham = ["meeting", "project", "lunch", "report", "tomorrow", "thanks", "review", "team"];
  const filler = ["the", "hello", "please", "today", "you", "about", "this", "note"];
  const lines = Array.from({ length: 2000 }, (_, i) => {
    const isSpam = i % 3 === 0;
    const words = Array.from({ length: 8 }, (_, k) =>
      pick(k % 2 === 0 ? (isSpam ? spam : ham) : filler),
    );
    return JSON.stringify({ text: words.join(" "), label: isSpam ? "spam" : "ham" });
  });
  writeFileSync(mail, lines.join("\n") + "\n");
}
const logregArgs = (out: string, epochs: number) => [
  "train",
  "--data",
  mail,
  "--batch-size",
  "1",
  "--epochs",
  String(epochs),
  "--out",
  out,
  "--seed",
  "3",
  "--json",
];
/** An MLP with Adam: checkpoints of ≈ 80 kB (weights and two moment slots). */
const mlpArgs = (out: string, epochs: number) => [
  "train",
  "--data",
  mail,
  "--model",
  "mlp",
  "--hidden",
  "256",
  "--optimizer",
  "adam",
  "--epochs",
  String(epochs),
  "--out",
  out,
];

/** Runs `gradus train`, sending SIGINT `signals` times (20 ms apart) once epoch 1 is checkpointed. */
async function interrupted(out: string, signals: number) {
  const child = spawn(process.execPath, [...CLI, ...logregArgs(out, 6)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const poll = setInterval(() => {
    if (!existsSync(join(out, "checkpoint.safetensors"))) return;
    clearInterval(poll);
    for (let i = 0; i < signals; i++) setTimeout(() => child.kill("SIGINT"), 20 * i);
  }, 5);
  // A signal that lands while node is already tearing down (the stop and save can finish within the
  // 20 ms between signals) ends the process by SIGINT instead: a shell reports that as 130 too.
  const code = await new Promise<number | null>((resolve) =>
    child.on("exit", (status, signal) => resolve(signal === "SIGINT" ? 128 + 2 : status)),
  );
  clearInterval(poll);
  return { code, stderr };
}

const reference = join(dir, "reference");
const referenceRun = () => {
  if (!existsSync(join(reference, "model.safetensors"))) {
    const run = gradus(logregArgs(reference, 6));
    assert.equal(run.status, 0, run.stderr);
    writeFileSync(join(reference, "result.json"), run.stdout);
  }
  return JSON.parse(readFileSync(join(reference, "result.json"), "utf8")) as { history: unknown };
};

test(`Ctrl-C while training, and again while saving: checkpoint saved, exit 130, --resume reaches the same weights bit for bit`, async (t) => {
  const expected = referenceRun();
  const out = join(dir, "interrupted");
  const { code, stderr } = await interrupted(out, 2);
  assert.equal(code, 130, stderr);
  const stop =
    /gradus: interrupted (in epoch \d+ after batch \d+|after epoch \d+); saved .*checkpoint\.safetensors \(continue with --resume\)\n$/.exec(
      stderr,
    );
  assert.ok(stop !== null, stderr);
  t.diagnostic(`stopped ${stop[1]}`);
  assert.deepEqual(readdirSync(out).sort(), ["checkpoint.safetensors"]);
  assert.ok((await loadCheckpoint(join(out, "checkpoint.safetensors"))).epoch < 6);

  const resumed = gradus([...logregArgs(out, 6), "--resume"]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.deepEqual((JSON.parse(resumed.stdout) as { history: unknown }).history, expected.history);
  assert.deepEqual(
    readFileSync(join(out, "model.safetensors")),
    readFileSync(join(reference, "model.safetensors")),
  );
});

/** A finished two-epoch MLP run (model, checkpoint, plot), copied to `out` (trained once). */
const base = join(dir, "base");
function trainedInto(out: string) {
  if (!existsSync(join(base, "model.safetensors")))
    assert.equal(gradus(mlpArgs(base, 2)).status, 0);
  cpSync(base, out, { recursive: true });
}

/** The model and checkpoint in `out` load (the earlier run's, epoch 2). */
async function assertLoadable(out: string) {
  assert.equal((await loadCheckpoint(join(out, "checkpoint.safetensors"))).epoch, 2);
  const { metadata } = await loadSafetensors(join(out, "model.safetensors"));
  assert.equal(metadata.format, "gradus.model/1");
}

/** Files of `out` by name. */
const snapshot = (out: string) =>
  Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));

test("a file size limit (EFBIG) while checkpointing: one line naming the file, earlier files intact", async () => {
  const out = join(dir, "limited");
  trainedInto(out);
  const before = snapshot(out);
  assert.ok(before["checkpoint.safetensors"]!.length > 40 * 512);
  const limited = spawnSync(
    "sh",
    [
      "-c",
      'ulimit -f 40 && exec "$0" "$@"',
      process.execPath,
      ...CLI,
      ...mlpArgs(out, 4),
      "--resume",
    ],
    {
      encoding: "utf8",
      env: { ...process.env, TSX_DISABLE_CACHE: "1" },
    },
  );
  assert.equal(limited.status, 1, limited.stderr);
  assert.match(
    limited.stderr,
    /^gradus: cannot write ".*limited\/checkpoint\.safetensors": file too large \(EFBIG\)\n$/,
  );
  assert.deepEqual(snapshot(out), before);
  await assertLoadable(out);
});

test("a full disk (ENOSPC on a 1 MB tmpfs): one line naming the file, earlier files intact", async (t) => {
  if (spawnSync("unshare", ["-rm", "true"]).status !== 0) {
    t.skip("cannot mount a tmpfs here (no unprivileged user namespaces)");
    return;
  }
  trainedInto(join(dir, "unused"));
  const [mount, before, after] = [join(dir, "tmpfs"), join(dir, "before"), join(dir, "after")];
  for (const path of [mount, before, after]) mkdirSync(path);
  const cli = [process.execPath, ...CLI].map((part) => `'${part}'`).join(" ");
  const script = [
    `mount -t tmpfs -o size=1m tmpfs ${mount}`,
    `cp -r ${base} ${mount}/out`,
    `cp ${mount}/out/* ${before}`,
    `head -c 2000000 /dev/zero > ${mount}/filler 2> /dev/null || true`,
    `${cli} ${mlpArgs(`${mount}/out`, 4).join(" ")} --resume > /dev/null 2> ${dir}/full.err; echo $? > ${dir}/full.status`,
    `ls -A ${mount}/out > ${dir}/full.listing; cp ${mount}/out/* ${after}`,
  ].join(" && ");
  const run = spawnSync("unshare", ["-rm", "sh", "-c", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(readFileSync(join(dir, "full.status"), "utf8").trim(), "1");
  assert.match(
    readFileSync(join(dir, "full.err"), "utf8"),
    /^gradus: cannot write ".*\/out\/checkpoint\.safetensors": no space left on device \(ENOSPC\)\n$/,
  );
  assert.deepEqual(readFileSync(join(dir, "full.listing"), "utf8").trim().split("\n").sort(), [
    "checkpoint.safetensors",
    "loss.svg",
    "model.safetensors",
  ]);
  assert.deepEqual(snapshot(after), snapshot(before));
  await assertLoadable(after);
});

test("a read-only --out: one line naming the directory before any training, nothing changed", async (t) => {
  const out = join(dir, "read-only");
  trainedInto(out);
  const before = snapshot(out);
  const undo = makeReadOnly(out);
  if (undo === null) {
    t.skip("cannot make a directory read-only here");
    return;
  }
  try {
    const run = gradus(mlpArgs(out, 4));
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /^gradus: cannot write to ".*read-only": (permission denied \(EACCES\)|operation not permitted \(EPERM\))\n$/,
    );
    assert.doesNotMatch(run.stdout, /epoch 1\//);
  } finally {
    undo();
  }
  assert.deepEqual(snapshot(out), before);
  await assertLoadable(out);
});
