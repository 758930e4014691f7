// `gradus gradcheck --all` in-process: every differentiable op of the library has cases, and every
// op and composite passes first and second order at 100 random float64 cases.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as publicApi from "../../src/index.js";
import * as ops from "../../src/ops/index.js";
import { differentiableOps } from "../../src/ops/families.js";
import { ALL_CASES, COMPOSITE_CASES, OP_CASES } from "../../src/cli/op-cases/index.js";
import { checkOps } from "../../src/cli/op-check.js";

/** The exported ops without a gradient (comparisons, signs and arg-extrema). */
const NOT_DIFFERENTIABLE = ["sign", "step", "eq", "ne", "lt", "le", "gt", "ge", "argmax", "argmin"];

test("every differentiable op has cases, and nothing else is among the primitives", () => {
  assert.deepEqual(Object.keys(OP_CASES).sort(), Object.keys(differentiableOps).sort());
  // a new op exported from ops/ must be listed as differentiable (so it needs cases) or not
  const exported = Object.entries(ops).filter(([, value]) => typeof value === "function");
  const unclassified = exported
    .map(([name]) => name)
    .filter((name) => !(name in differentiableOps) && !NOT_DIFFERENTIABLE.includes(name));
  assert.deepEqual(unclassified, []);
  // the public API's differentiable functions beyond ops/ are covered as composites
  for (const name of ["sparseMatmul", "customOp"]) {
    assert.equal(typeof publicApi[name as keyof typeof publicApi], "function");
    assert.ok(name in COMPOSITE_CASES, name);
  }
  for (const name of ["crossEntropy", "nllLoss", "binaryCrossEntropyWithLogits", "mseLoss"]) {
    assert.ok(name in publicApi.nn && name in COMPOSITE_CASES, name);
  }
});

test("--all: every op and composite passes first and second order at 100 cases", (t) => {
  const started = performance.now();
  const rows = checkOps(undefined, { cases: 100, secondOrder: true, seed: 0 });
  const seconds = (performance.now() - started) / 1000;
  assert.deepEqual(
    rows.map((row) => row.op),
    Object.keys(ALL_CASES),
  );
  const failures = rows
    .filter((row) => !row.ok)
    .map(
      (row) => `${row.op}: ${row.error ?? JSON.stringify([row.first.worst, row.second?.worst])}`,
    );
  assert.deepEqual(failures, []);
  for (const row of rows) {
    assert.equal(row.cases, 100);
    assert.ok(row.second !== null, row.op);
    assert.ok(row.first.worstAbsError < 1e-5, `${row.op}: ${row.first.worstAbsError}`);
  }
  const worst = [...rows].sort((a, b) => b.second!.worstAbsError - a.second!.worstAbsError)[0]!;
  t.diagnostic(
    `${rows.length} ops × 100 cases, both orders, in ${seconds.toFixed(1)} s; largest 2nd-order error ${worst.op} ${worst.second!.worstAbsError.toExponential(2)}`,
  );
});
