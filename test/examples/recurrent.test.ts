// Smoke test: examples/recurrent.ts trains its tagger and takes a sparse skip-gram step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/recurrent.ts: the tagger learns over padded rows; the skip-gram gradient is row-sparse", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/recurrent.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const [, before, after] = /tagger loss (\d\.\d+) → (\d\.\d+)/.exec(run.stdout) ?? [];
  assert.ok(Number(after) < Number(before) / 3, run.stdout);
  const touched = Number(/skip-gram: (\d+) of 20000 rows/.exec(run.stdout)?.[1]);
  assert.ok(touched > 50 && touched <= 64, run.stdout);
  assert.match(run.stdout, /weight\.grad is null/);
});
