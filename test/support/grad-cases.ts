// The gradient table's runner: first- and second-order gradcheck and float32-vs-float64 agreement per op.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { gradcheck, type GradcheckOptions } from "../../src/functional/gradcheck.js";
import { randn, zerosLike } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { concat } from "../../src/ops/index.js";

/** One random instance: float64 inputs (differentiated) and the function of them under test. */
export interface Check {
  readonly inputs: readonly Tensor[];
  readonly f: (...inputs: Tensor[]) => Tensor;
}

export interface GradCase {
  readonly arb: fc.Arbitrary<Check>;
  readonly numRuns?: number;
  /** Tolerances of the first-order check (gradcheck's defaults otherwise). */
  readonly first?: GradcheckOptions;
  /** Tolerances of the second-order check. */
  readonly second?: GradcheckOptions;
  /** Relative tolerance of float32 against float64 (default 1e-4 of the output's scale). */
  readonly float32Tolerance?: number;
}

export const SEED = 42;

/** Checks built from `inputs` with a fixed function (the common case). */
export function check(
  inputs: fc.Arbitrary<readonly Tensor[]>,
  f: (...inputs: Tensor[]) => Tensor,
): fc.Arbitrary<Check> {
  return inputs.map((list) => ({ inputs: list, f }));
}

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

function assertGradcheck(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): void {
  const result = gradcheck(f, inputs, options);
  assert.ok(result.ok, `gradcheck failed: ${JSON.stringify(result)}`);
}

function assertFloat32Agrees({ inputs, f }: Check, tolerance: number): void {
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

/** Registers the three checks for every op of a family table. */
export function runGradCases(cases: Record<string, GradCase>): void {
  for (const [name, gradCase] of Object.entries(cases)) {
    const options = { seed: SEED, numRuns: gradCase.numRuns ?? 40 };
    test(`${name}: backward matches central differences`, () => {
      fc.assert(
        fc.property(gradCase.arb, ({ inputs, f }) => assertGradcheck(f, inputs, gradCase.first)),
        options,
      );
    });
    test(`${name}: second derivatives match central differences`, () => {
      fc.assert(
        fc.property(gradCase.arb, ({ inputs, f }) =>
          assertGradcheck(gradientOf(f), inputs, { atol: 1e-7, rtol: 1e-5, ...gradCase.second }),
        ),
        { ...options, numRuns: Math.ceil(options.numRuns / 2) },
      );
    });
    test(`${name}: float32 agrees with float64`, () => {
      fc.assert(
        fc.property(gradCase.arb, (c) => assertFloat32Agrees(c, gradCase.float32Tolerance ?? 1e-4)),
        options,
      );
    });
  }
}
