// examples/mnist-cnn.ts runs as written: a short epoch on 1,920 digits (30 steps) already reaches
// ≈ 75 % (chance: 10 %); it leaves its checkpoint and plot in --out.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

test("examples/mnist-cnn.ts trains the CNN and reports its test accuracy", () => {
  const out = mkdtempSync(join(tmpdir(), "gradus-mnist-cnn-"));
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "examples/mnist-cnn.ts", "--epochs", "1", "--limit", "1920", "--out", out],
    { encoding: "utf8" },
  );
  assert.equal(run.status, 0, run.stderr);
  const match = /epoch 1: loss (\d+\.\d+), test accuracy (\d\.\d+), .* \(1920 digits\)/.exec(
    run.stdout,
  );
  assert.ok(match, run.stdout);
  assert.ok(Number(match[2]) > 0.5, `accuracy ${match[2]} after 30 steps`);
  for (const file of ["checkpoint.safetensors", "curves.svg"])
    assert.ok(existsSync(join(out, file)), file);
});
