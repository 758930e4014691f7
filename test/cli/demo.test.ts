// `gradus demo`: the spam filter end to end (four epochs to keep it short), its files, and predict on its model.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io } from "../../src/node.js";

const gradus = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
  });

test("four epochs on SpamAssassin: > 95% test accuracy, model and plots written, predict works", () => {
  const out = join(mkdtempSync(join(tmpdir(), "gradus-demo-")), "out");
  const run = gradus(["demo", "--epochs", "4", "--out", out]);
  assert.equal(run.status, 0, run.stderr);
  const accuracy = Number(/test: accuracy (\S+)/.exec(run.stdout)?.[1]);
  assert.ok(accuracy > 0.95, run.stdout);
  assert.match(run.stdout, /precision \S+ +recall \S+ +F1 \S+ +\(n = 1209\)/);
  assert.match(run.stdout, /^top spam words: \S+ \(\d/m);
  assert.match(run.stdout, /^top ham words: +\S+ \(-\d/m);
  for (const file of ["model.safetensors", "checkpoint.safetensors", "loss.svg", "loss.png"]) {
    assert.ok(existsSync(join(out, file)), file);
  }
  assert.ok(readFileSync(join(out, "loss.svg"), "utf8").includes("<svg"));
  const predicted = gradus(["predict", "--model", out], "click here to claim your free money\n");
  assert.equal(predicted.status, 0, predicted.stderr);
  assert.match(predicted.stdout, /^spam\t/);
});

test("bad flags: one line on stderr, exit ≠ 0", () => {
  for (const args of [["--epochs", "0"], ["--lr", "fast"], ["--batch-size", "-3"], ["--nope"]]) {
    const run = gradus(["demo", ...args]);
    assert.notEqual(run.status, 0, args.join(" "));
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  }
});

test("Ctrl-C during the demo: stops after a step, keeps a loadable checkpoint, exits 130", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "gradus-demo-")), "out");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "demo", "--epochs", "200", "--out", out],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  let scheduled = false;
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    // Training starts right after this line; give it a moment to pass the first epoch.
    if (scheduled || !/mini-batch SGD/.test(stdout)) return;
    scheduled = true;
    setTimeout(() => child.kill("SIGINT"), 1500);
  });
  const [code] = (await once(child, "exit")) as [number | null];
  assert.equal(code, 130, stderr);
  assert.match(stderr, /demo interrupted (after epoch \d+|in epoch \d+ after batch \d+)/);
  const checkpoint = await io.loadCheckpoint(join(out, "checkpoint.safetensors"));
  assert.ok(checkpoint.epoch >= 1, `checkpoint epoch ${checkpoint.epoch}`);
  assert.ok(!existsSync(join(out, "model.safetensors")), "no final model after an interrupt");
});
