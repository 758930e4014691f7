// Smoke tests: the three training experiments run on small sizes and print their conclusions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const run = (file: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", file, ...args], { encoding: "utf8" });

test("examples/gd-vs-sgd.ts compares the five batchings", () => {
  const result = run("examples/gd-vs-sgd.ts", "--samples", "256", "--epochs", "2");
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /SGD \(B = 1\)[\s\S]*GD \(full batch\)/);
});

test("examples/minibatch-variance.ts fits a slope near −1", () => {
  const result = run("examples/minibatch-variance.ts", "--samples", "512", "--repeats", "100");
  assert.equal(result.status, 0, result.stderr);
  const slope = Number(/fitted log-log slope: (-?\d\.\d+)/.exec(result.stdout)?.[1]);
  assert.ok(Math.abs(slope + 1) < 0.15, `slope ${slope}`);
});

test("examples/step-size-sweep.ts: monotone for αL ≤ 1, diverging least squares for αL > 2", () => {
  const result = run("examples/step-size-sweep.ts", "--samples", "256", "--steps", "30");
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /logistic +0\.9 +0 +true +true/);
  assert.match(result.stdout, /least squares +3\.0 +30 +false +false/);
});
