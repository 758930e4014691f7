// Smoke test: examples/language-model.ts trains a small transformer on 5 Brown files and samples from it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/language-model.ts: validation perplexity falls from ≈ the vocabulary size; a sample follows the prompt", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/language-model.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const [, before, after] = /validation perplexity (\d+\.\d) → (\d+\.\d)/.exec(run.stdout) ?? [];
  assert.ok(Number(before) > 400 && Number(before) < 650, run.stdout);
  assert.ok(Number(after) < Number(before) / 2, run.stdout);
  assert.match(run.stdout, /sample: The jury said\S*( \S+)+/);
});
