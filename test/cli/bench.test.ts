// `gradus bench`: finds bench/run.ts in a checkout; bad flags give one line and exit ≠ 0.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { findBenchRunner } from "../../src/cli/commands/bench.js";

test("finds the benchmark runner of this checkout", () => {
  const root = findBenchRunner();
  assert.notEqual(root, null);
  assert.ok(existsSync(join(root!, "bench", "run.ts")));
});

test("an unknown flag: one line on stderr, exit ≠ 0", () => {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "bench", "--fast"],
    {
      encoding: "utf8",
    },
  );
  assert.notEqual(run.status, 0);
  assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
});
