// The README's API tour (examples/api-tour.ts) runs as written and prints the numbers the README quotes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/api-tour.ts runs and prints the tour's results", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", "examples/api-tour.ts"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  // −mean log σ(Xw) with Xw = [0, 0.5, 1], worked out by hand: 0.493495.
  assert.match(run.stdout, /loss = 0\.493495,/);
  assert.match(run.stdout, /∇\(Σ ∇Σx³\) at \[1, 2\] = \[6,12\]/);
  assert.match(run.stdout, /hessian\(Σx³\)\(\[1, 2\]\) = \[\[6,0\],\[0,12\]\]/);
  assert.match(run.stdout, /broadcast: \[\[11,21,31\],\[12,22,32\]\]/);
  assert.match(run.stdout, /full GD: monotone true, Σ‖∇f‖² ≤ \(2\/α\)\(f₀ − f_T\): true/);
  const accuracy = Number(/accuracy (\d\.\d+)/.exec(run.stdout)?.[1]);
  assert.ok(accuracy > 0.9, `MLP accuracy ${accuracy}`);
  assert.match(run.stdout, /stopped at \{"epoch":2,"batch":\d+\}; resumed = uninterrupted: true/);
  assert.match(run.stdout, /tf-idf 4×8, nnz 11, ∂\/∂weights 8×1/);
  assert.match(run.stdout, /no graph under noGrad: false/);
});
