// The op registry is the single source: every op of ops/ is a row, every row is exported by the public
// API and (unless it takes several tensors) is a Tensor method — checked by the compiler — and
// `gradus gradcheck --all` runs exactly the registry's cases, passing every op to second order.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as publicApi from "../../src/index.js";
import { opRegistry, type OpName } from "../../src/ops/families.js";
import * as ops from "../../src/ops/index.js";
import { isDifferentiable } from "../../src/ops/op-row.js";
import { allCases } from "../../src/op-registry.js";

import { tensor } from "../../src/tensor/creation.js";
import type { Tensor } from "../../src/tensor/tensor.js";

const ALL_CASES = allCases();

/** Ops of several tensors (or of a list): functions only, no Tensor method. */
type FunctionOnly =
  | "where"
  | "concat"
  | "stack"
  | "indexAdd"
  | "scatterAdd"
  | "scaledDotProductAttention"
  | "linear"
  | "lstmSequence"
  | "gruSequence"
  | "rnnSequence"
  | Normalization
  | Convolution
  | InternalOnly;
/** Convolutions, pooling and padding take weights and options: functions, as torch.nn.functional. */
type Convolution =
  | "conv1d"
  | "conv2d"
  | "convTranspose2d"
  | "maxPool1d"
  | "maxPool2d"
  | "avgPool1d"
  | "avgPool2d"
  | "adaptiveAvgPool2d"
  | "pad";
/** Normalisations take running statistics and affine factors: functions, as in torch.nn.functional. */
type Normalization = "batchNorm" | "layerNorm" | "groupNorm";
/** Primitives reached through nn's losses, not exported by name. */
type InternalOnly = "sigmoidCrossEntropy" | "softmaxCrossEntropy";
/** Ops whose Tensor method has PyTorch's other name. */
type RenamedMethod = "variance"; // Tensor.var, as torch.Tensor.var

// Compile-time: a registry row without a Tensor method or a public export is a type error naming it.
type MissingMethods = Exclude<OpName, keyof Tensor | FunctionOnly | RenamedMethod>;
type MissingExports = Exclude<OpName, keyof typeof publicApi | InternalOnly>;
const everyOpHasAMethod: [MissingMethods] extends [never] ? true : MissingMethods = true;
const everyOpIsExported: [MissingExports] extends [never] ? true : MissingExports = true;

test("every op of ops/ is a registry row, and the public functions are the rows' functions", () => {
  assert.ok(everyOpHasAMethod && everyOpIsExported);
  const exported = Object.entries(ops).filter(([, value]) => typeof value === "function");
  const outside = exported.map(([name]) => name).filter((name) => !Object.hasOwn(opRegistry, name));
  assert.deepEqual(outside, []);
  for (const [name, row] of Object.entries(opRegistry)) {
    const value = (publicApi as Record<string, unknown>)[name];
    if (value !== undefined)
      assert.equal(value, row.fn, `${name}: the export is the row's function`);
  }
});

test("gradcheck's cases are the registry's: every differentiable row, no other op", () => {
  for (const [name, row] of Object.entries(opRegistry)) {
    if (isDifferentiable(row)) assert.equal(ALL_CASES[name], row.cases, name);
    else assert.equal(ALL_CASES[name], undefined, name);
  }
});

test("non-differentiable ops record no graph even when their input requires gradients", () => {
  const x = tensor([-1, 0, 2], { requiresGrad: true });
  const masks = Object.entries(opRegistry).filter(([, row]) => !isDifferentiable(row));
  assert.ok(masks.length >= 9);
  for (const [name, row] of masks) {
    const comparison = ["eq", "ne", "lt", "le", "gt", "ge"].includes(name);
    const result = (row.fn as (a: Tensor, b?: number) => Tensor)(x, ...(comparison ? [1] : []));
    assert.equal(result.requiresGrad, false, name);
    assert.equal(result.isLeaf, true, name);
  }
  assert.deepEqual(ops.sign(x).toArray(), [-1, 0, 1]);
});

test("--all: every op and composite passes first and second order at 100 cases", (t) => {
  const started = performance.now();
  const rows = publicApi.gradcheckOps(undefined, { cases: 100, secondOrder: true, seed: 0 });
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
  for (const row of rows) assert.ok(row.first.worstAbsError < 1e-5, `${row.op}`);
  const seconds = (performance.now() - started) / 1000;
  t.diagnostic(`${rows.length} ops × 100 cases, both orders, in ${seconds.toFixed(1)} s`);
});
