// Smoke test: examples/functional-transforms.ts runs and prints the expected derivatives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/functional-transforms.ts runs", () => {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "examples/functional-transforms.ts"],
    { encoding: "utf8" },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /grad\(x³\)\(2\) = 12, grad\(grad\(x³\)\)\(2\) = 12/);
  assert.match(run.stdout, /∂f\/∂x = 5\.5, ∂f\/∂y = 1\.716338/);
  assert.match(run.stdout, /hessian = \[\[6,0\],\[0,12\]\]/);
  assert.match(run.stdout, /hvp = \[6,12\]/);
  assert.match(run.stdout, /jvp = \[2,0\]/);
  assert.match(run.stdout, /softplus'\(0\) = 0\.5, softplus''\(0\) = 0\.25/);
});
