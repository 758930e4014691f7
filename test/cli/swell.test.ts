// `gradus swell`: the table, the fitted growth ratio, the plot, and bad flags.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const gradus = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });

test("prints one row per k, a growth ratio near 2 and linear backprop", () => {
  const plot = join(mkdtempSync(join(tmpdir(), "gradus-swell-")), "swell.svg");
  const run = gradus("swell", "--max-k", "24", "--plot", plot);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^ +20 +2097149 +58 +78118914 +169 +2\.113$/m);
  const ratio = Number(/d\/dx tree: ×(\S+) per step/.exec(run.stdout)?.[1]);
  assert.ok(ratio > 1.9 && ratio < 2.2, `ratio ${ratio}`);
  assert.match(run.stdout, /backprop: \+3 vertices per step/);
  assert.ok(readFileSync(plot, "utf8").includes(">d/dx tree</text>"));
});

test("bad --max-k exits non-zero with a one-line message", () => {
  for (const [value, message] of [
    ["1", /^gradus: --max-k must be between 2 and 40, got 1$/m],
    ["x", /^gradus: --max-k expects an integer, got "x"$/m],
  ] as const) {
    const run = gradus("swell", "--max-k", value);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, message);
  }
});
