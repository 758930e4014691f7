// `gradus gradcheck`: every differentiable op has cases and passes; the table, --op, --json and errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { differentiableOps } from "../../src/ops/families.js";
import { OP_CASES } from "../../src/cli/op-cases.js";
import { checkOps } from "../../src/cli/commands/gradcheck.js";

const gradus = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });

test("the registry covers every differentiable op, and every case passes", () => {
  const missing = Object.keys(differentiableOps).filter((name) => !(name in OP_CASES));
  assert.deepEqual(missing, []);
  const rows = checkOps(undefined, 3);
  assert.deepEqual(
    rows.filter((row) => !row.ok).map((row) => row.op),
    [],
  );
  for (const row of rows) assert.ok(row.worstAbsError < 1e-6, `${row.op}: ${row.worstAbsError}`);
});

test("prints the table and exits 0", () => {
  const run = gradus("gradcheck");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^op +cases +worst abs err +worst rel err +ok$/m);
  assert.match(run.stdout, /^matmul +2 +\S+ +\S+ +ok$/m);
  assert.match(run.stdout, /(\d+)\/\1 ops pass/);
});

test("--op and --json", () => {
  const run = gradus("gradcheck", "--op", "exp", "log", "--json");
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as { op: string; ok: boolean }[];
  assert.deepEqual(
    rows.map((row) => [row.op, row.ok]),
    [
      ["exp", true],
      ["log", true],
    ],
  );
});

test("an unknown op or a bad flag: one line on stderr, exit ≠ 0", () => {
  for (const args of [["--op", "nope"], ["--seed", "x"], ["--frobnicate"]]) {
    const run = gradus("gradcheck", ...args);
    assert.notEqual(run.status, 0);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  }
});
