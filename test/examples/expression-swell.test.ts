// Smoke test: examples/expression-swell.ts runs and prints its conclusion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/expression-swell.ts runs", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/expression-swell.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /grows ×2\.1\d per step/);
});
