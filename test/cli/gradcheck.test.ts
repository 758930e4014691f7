// `gradus gradcheck`: the table, --op (ops and composites), --cases, --second-order, --json, errors,
// and that the checker catches wrong first and second derivatives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { customOp, type Tensor } from "../../src/index.js";
import { checkCases } from "../../src/functional/check-cases.js";
import { shapeOf, values, type CaseBuilder } from "../../src/ops/cases/random-inputs.js";

const gradus = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    encoding: "utf8",
  });

test("prints the primitives' table (3 cases, first order) and exits 0", () => {
  const run = gradus("gradcheck");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^op +cases +1st abs err +1st rel err +2nd abs err +2nd rel err +ok$/m);
  assert.match(run.stdout, /^matmul +3 +\S+ +\S+ +- +- +ok$/m);
  assert.doesNotMatch(run.stdout, /^crossEntropy /m);
  assert.match(run.stdout, /(\d+)\/\1 ops pass \(float64, first order, 3 cases each/);
});

test("--op with composites, --cases, --second-order and --json", () => {
  const run = gradus(
    ...["gradcheck", "--op", "exp", "crossEntropy", "--cases", "5", "--second-order", "--json"],
  );
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as {
    op: string;
    cases: number;
    ok: boolean;
    second: { worstAbsError: number } | null;
  }[];
  assert.deepEqual(
    rows.map((row) => [row.op, row.cases, row.ok]),
    [
      ["exp", 5, true],
      ["crossEntropy", 5, true],
    ],
  );
  // exp'' = exp is not constant: the second-order check compared non-zero derivatives
  for (const row of rows) assert.ok(row.second !== null && row.second.worstAbsError > 0);
});

test("an unknown op or a bad flag: one line on stderr, exit ≠ 0", () => {
  const bad = [["--op", "nope"], ["--seed", "x"], ["--cases", "0"], ["--cases", "x"], ["--frob"]];
  for (const args of bad) {
    const run = gradus("gradcheck", ...args);
    assert.notEqual(run.status, 0);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  }
});

const options = { cases: 4, seed: 0, secondOrder: true };
const cubeCase =
  (backward: (g: Tensor, x: Tensor) => Tensor): CaseBuilder =>
  (g) => {
    const f = customOp({
      name: "cube",
      forward: (x) => x.mul(x).mul(x),
      backward: (outputGrad, { inputs: [x] }) => [backward(outputGrad, x!)],
    });
    return { inputs: [values(g, shapeOf(g, 1))], f };
  };

test("a wrong first derivative fails the first order and names the element", () => {
  const row = checkCases("cube", [cubeCase((g, x) => g.mul(x.mul(x).mul(2.9)))], options);
  assert.equal(row.ok, false);
  assert.equal(row.first.ok, false);
  assert.ok(row.first.worst !== null && row.first.worst.analytic !== row.first.worst.numeric);
});

test("a right first derivative whose own derivative is wrong fails the second order only", () => {
  // 3x² from a detached x: correct values, but d/dx of the gradient comes out 0 instead of 6x
  const row = checkCases("cube", [cubeCase((g, x) => g.mul(x.detach().square().mul(3)))], options);
  assert.equal(row.first.ok, true);
  assert.equal(row.second?.ok, false);
  assert.equal(row.ok, false);
  const right = checkCases("cube", [cubeCase((g, x) => g.mul(x.square().mul(3)))], options);
  assert.equal(right.ok, true);
});

test("a case that throws fails its row with the message", () => {
  const row = checkCases("broken", [() => ({ inputs: [], f: () => assert.fail("boom") })], options);
  assert.equal(row.ok, false);
  assert.match(row.error ?? "", /case 0: boom/);
});

test("gradus ops lists the registry: families, rules, --json, a bad family in one line", () => {
  const run = gradus("ops", "--json");
  assert.equal(run.status, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as {
    name: string;
    family: string;
    differentiable: boolean;
  }[];
  const gelu = rows.find((row) => row.name === "gelu");
  assert.deepEqual([gelu?.family, gelu?.differentiable], ["elementwise", true]);
  assert.equal(rows.find((row) => row.name === "eq")?.differentiable, false);
  const table = gradus("ops", "--family", "elementwise");
  assert.match(table.stdout, /^\s*softplus +elementwise +yes +1 +d\/dx log\(1 \+ e\^\(βx\)\)\/β/m);
  const bad = gradus("ops", "--family", "nope");
  assert.notEqual(bad.status, 0);
  assert.equal(bad.stderr.trim().split("\n").length, 1);
});
