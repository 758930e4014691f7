// `gradus lecture`: the worked example's trace and gradient, --expr/--at, --svg, and one-line errors.
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

test("the worked example: Forward and Backward tables, ∂f/∂x = 5.5 and ∂f/∂y ≈ 1.72 beside central differences", () => {
  const run = gradus("lecture");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^f = log\(x\) \+ x\*y - sin\(y\) at x = 2, y = 5$/m);
  assert.match(run.stdout, /^u +log\(x\) +0\.693147$/m);
  assert.match(run.stdout, /^w +sin\(y\) +-0\.958924$/m);
  assert.match(run.stdout, /^f +s − w +11\.6521$/m);
  assert.match(run.stdout, /^B\(x\) \+= B\(u\)·∂u\/∂x +1 +1 +0\.5 +0\.5 +5 → 5\.5$/m);
  assert.match(run.stdout, /^B\(y\) \+= B\(v\)·∂v\/∂y +2 +1 +2 +2 +-0\.283662 → 1\.71634$/m);
  assert.match(run.stdout, /^gradient: ∂f\/∂x = 5\.5, ∂f\/∂y ≈ 1\.72$/m);
  const row = (name: string) =>
    /^∂f\/∂\S+ +(\S+) +(\S+) +(\S+)$/m.exec(
      run.stdout.split("\n").find((line) => line.startsWith(`∂f/∂${name} `)) ?? "",
    );
  const [, exactX, centralX, diffX] = row("x")!;
  assert.equal(Number(exactX), 5.5);
  assert.ok(Math.abs(Number(centralX) - 5.5) < 1e-8);
  assert.ok(Number(diffX) < 1e-8);
  const [, exactY, centralY] = row("y")!;
  assert.ok(Math.abs(Number(exactY) - (2 - Math.cos(5))) < 1e-9);
  assert.ok(Math.abs(Number(centralY) - (2 - Math.cos(5))) < 1e-8);
});

test("--expr and --at use the parser; --svg writes the drawn graph", () => {
  const svg = join(mkdtempSync(join(tmpdir(), "gradus-lecture-")), "graph.svg");
  const run = gradus("lecture", "--expr", "exp(a)*sin(b)", "--at", "a=0.5,b=1", "--svg", svg);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^v3 +v1·v2 +1\.38735$/m);
  const exactA = Math.exp(0.5) * Math.sin(1);
  assert.match(
    run.stdout,
    new RegExp(`^∂f/∂a +${exactA.toPrecision(10).replace(/0+$/, "")} `, "m"),
  );
  assert.match(run.stdout, new RegExp(`wrote ${svg.replace(/[.]/g, "\\.")}`));
  const picture = readFileSync(svg, "utf8");
  assert.equal(picture.match(/class="node"/g)?.length, 5);
  assert.ok(picture.includes(">v3 = v1·v2</text>"));
  assert.ok(picture.includes(">B = 1</text>"));
});

test("log of a negative number: NaN with a note, exit code 0", () => {
  const run = gradus("lecture", "--expr", "log(x)*x", "--at", "x=-1");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^note: v1 = log\(x\) is NaN at -1: outside the domain of log/m);
  assert.match(run.stdout, /no central difference: f is not finite near the point/);
  // where f is NaN the sweep's numbers mean nothing: the gradient is marked undefined
  assert.match(run.stdout, /^∂f\/∂x +undefined +n\/a +n\/a$/m);
  assert.match(run.stdout, /^gradient: undefined, since f is NaN at x = -1/m);
  assert.doesNotMatch(run.stdout, /^gradient: ∂f/m);
});

test("--at keeps the default x = 2, y = 5 for the variables it does not name", () => {
  const run = gradus("lecture", "--at", "x=-1");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^f = log\(x\) \+ x\*y - sin\(y\) at x = -1, y = 5$/m);
  const onlyY = gradus("lecture", "--at", "y=1");
  assert.match(onlyY.stdout, /at x = 2, y = 1$/m);
  assert.match(onlyY.stdout, /^gradient: ∂f\/∂x = 1\.5/m);
});

test("bad flags and values: one line on stderr, non-zero exit", () => {
  const cases: [string[], RegExp][] = [
    [["lecture", "--bogus"], /^error: unknown option '--bogus'\n$/],
    [
      ["lecture", "--expr", "a*b", "--at", "a=2"],
      /^gradus: --at gives no value for the variable b\n$/,
    ],
    [["lecture", "--at", "x=2,y=5,z=1"], /^gradus: --at names z, not in the expression\n$/],
    [["lecture", "--at", "y"], /^gradus: --at expects name=number pairs/],
    [["lecture", "--expr", "log(x", "--at", "x=1"], /^gradus: parse error at column 6/],
  ];
  for (const [args, message] of cases) {
    const run = gradus(...args);
    assert.notEqual(run.status, 0, args.join(" "));
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split("\n").length, 1);
  }
});
