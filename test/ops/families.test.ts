// Every op exported from src/ops is either in a family of the gradient tables or declared non-differentiable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { differentiableOps } from "../../src/ops/families.js";
import * as ops from "../../src/ops/index.js";
import { tensor } from "../../src/tensor/creation.js";

/** Ops whose results carry no gradient: signs, masks and positions. */
const NOT_DIFFERENTIABLE = ["sign", "step", "eq", "ne", "lt", "le", "gt", "ge", "argmax", "argmin"];

test("every exported op has a gradient case or is declared non-differentiable", () => {
  const unclassified = Object.entries(ops)
    .filter(([, value]) => typeof value === "function")
    .map(([name]) => name)
    .filter((name) => !(name in differentiableOps) && !NOT_DIFFERENTIABLE.includes(name));
  assert.deepEqual(unclassified, []);
});

test("non-differentiable ops record no graph even when their input requires gradients", () => {
  const x = tensor([-1, 0, 2], { requiresGrad: true });
  const results = [ops.sign(x), ops.step(x), x.eq(0), x.lt(1), x.argmax(), x.argmin(0)];
  for (const result of results) {
    assert.equal(result.requiresGrad, false);
    assert.equal(result.isLeaf, true);
  }
  assert.deepEqual(ops.sign(x).toArray(), [-1, 0, 1]);
  assert.deepEqual(ops.step(x).toArray(), [0, 0, 1]);
});
