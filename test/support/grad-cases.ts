// Runs the registry's gradient cases as tests: per op, first and second order against central
// differences (the same runner and cases as `gradus gradcheck`), and float32 against float64.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkCases, type OpCheckRow } from "../../src/functional/check-cases.js";
import { differentiableRows } from "../../src/ops/families.js";
import type { CaseBuilder, OpCase, OpFamily } from "../../src/ops/op-row.js";
import { randn, zerosLike } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { concat } from "../../src/ops/index.js";

export const SEED = 42;

/**
 * x ↦ the gradient of Σ w·f(x) for a fixed random w, computed with createGraph so that gradcheck can
 * differentiate it again: a second-order check of every input at once (gradients flattened and joined).
 */
export function gradientOf(f: (...inputs: Tensor[]) => Tensor): (...inputs: Tensor[]) => Tensor {
  return (...inputs) => {
    const output = f(...inputs);
    const w = randn(output.shape, { dtype: "float64", generator: new Generator(7) });
    output.mul(w).sum().backward(undefined, { createGraph: true });
    const gradients = inputs.map((x) => {
      const gradient = x.grad ?? zerosLike(x);
      x.grad = null;
      return gradient.reshape([-1]);
    });
    return concat(gradients, 0);
  };
}

/** Where a failed check went wrong, for the assertion message. */
function failure(row: OpCheckRow, seed: number): string {
  const worst = [row.first.worst, row.second?.worst].map((w) => JSON.stringify(w));
  return `${row.op} (seed ${seed}): ${row.error ?? `1st ${worst[0]}, 2nd ${worst[1]}`}`;
}

function assertFloat32Agrees({ inputs, f }: OpCase, tolerance: number): void {
  const exact = Array.from(
    f(...inputs)
      .astype("float64")
      .dataSync(),
  );
  const single = f(...inputs.map((x) => x.astype("float32")));
  const approx = Array.from(single.astype("float64").dataSync());
  const scale = exact.reduce((widest, v) => Math.max(widest, Math.abs(v)), 1);
  exact.forEach((value, i) => {
    const error = Math.abs(approx[i]! - value);
    assert.ok(
      error <= tolerance * (scale + Math.abs(value)),
      `float32 ${approx[i]} vs float64 ${value} at ${i}`,
    );
  });
}

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** The three checks of one op's cases; `numRuns` seeds each, every builder once per seed. */
export function runCases(name: string, cases: readonly CaseBuilder[], numRuns = 40): void {
  const options = { seed: SEED, numRuns };
  test(`${name}: first and second order match central differences`, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const row = checkCases(name, cases, { cases: cases.length, seed, secondOrder: true });
        assert.ok(row.ok, failure(row, seed));
      }),
      options,
    );
  });
  test(`${name}: float32 agrees with float64`, () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const generator = new Generator(seed);
        for (const build of cases) assertFloat32Agrees(build(generator), 1e-4);
      }),
      options,
    );
  });
}

/** Registers the checks for every differentiable row of a registry family. */
export function runFamily(family: OpFamily, numRuns?: number): void {
  for (const [name, row] of differentiableRows(family)) runCases(name, row.cases, numRuns);
}
