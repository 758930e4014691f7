// Smoke test: examples/error-order.ts runs and prints its conclusion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/error-order.ts runs", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/error-order.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /central: order ≈ 2\.00/);
});
