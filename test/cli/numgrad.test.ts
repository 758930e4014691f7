// `gradus numgrad`: the table and fitted orders, the SVG plot, and one-line errors with exit code ≠ 0.
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

test("prints the error table and slopes ≈ 1 and ≈ 2, writes the plot", () => {
  const plot = join(mkdtempSync(join(tmpdir(), "gradus-numgrad-")), "error.svg");
  const run = gradus("numgrad", "--plot", plot);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /∂f\/∂x = 5\.5/);
  assert.match(run.stdout, /^ +1e-12 /m);
  const slope = (method: string): number =>
    Number(new RegExp(`${method}: slope (\\S+)`).exec(run.stdout)?.[1]);
  assert.ok(Math.abs(slope("forward") - 1) < 0.2);
  assert.ok(Math.abs(slope("central") - 2) < 0.2);
  assert.ok(readFileSync(plot, "utf8").includes(">central (h²)</text>"));
});

test("--plot x.png writes a PNG (not SVG bytes); other extensions are refused before any work", () => {
  const directory = mkdtempSync(join(tmpdir(), "gradus-numgrad-"));
  const png = join(directory, "error.png");
  const run = gradus("numgrad", "--plot", png);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual([...readFileSync(png).subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const refused = gradus("numgrad", "--plot", join(directory, "error.jpg"));
  assert.notEqual(refused.status, 0);
  assert.match(
    refused.stderr,
    /^gradus: --plot expects a file ending in \.svg or \.png, got ".*error\.jpg"\n$/,
  );
  assert.equal(refused.stdout, "");
});

test("another expression and point", () => {
  const run = gradus(
    "numgrad",
    "--expr",
    "exp(a)*sin(b)",
    "--at",
    "a=0.5,b=1",
    "--max-exponent",
    "8",
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^ +1e-8 /m);
  assert.doesNotMatch(run.stdout, /^ +1e-9 /m);
  assert.match(run.stdout, /forward: .*smallest step tried/);
});

test("bad input exits with a non-zero code and a one-line message", () => {
  const cases: [string[], RegExp][] = [
    [["numgrad", "--expr", "log(x"], /^gradus: parse error at column 6: expected "\)"/],
    [["numgrad", "--at", "x=2,y"], /^gradus: --at expects name=number pairs/],
    [["numgrad", "--expr", "x*z"], /^gradus: evaluate: variable "z" is not bound/],
    [["numgrad", "--max-exponent", "ten"], /^gradus: --max-exponent expects an integer/],
    [["numgrad", "--bogus"], /^error: unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const run = gradus(...args);
    assert.notEqual(run.status, 0, args.join(" "));
    assert.match(run.stderr, message);
  }
});
