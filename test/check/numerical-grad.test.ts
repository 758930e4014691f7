// numericalGrad against gradients known in closed form, its input safety and its errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultStep, numericalGrad } from "../../src/check/numerical-grad.js";

const close = (actual: ArrayLike<number>, expected: number[], tolerance: number): void => {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, i) => {
    const error = Math.abs(actual[i]! - value);
    assert.ok(error <= tolerance, `component ${i}: ${actual[i]} vs ${value} (error ${error})`);
  });
};

// The lecture's worked example f(x, y) = log x + xy − sin y at (2, 5): ∂f/∂x = 5.5, ∂f/∂y ≈ 1.716338.
const lecture = (v: Float64Array): number => Math.log(v[0]!) + v[0]! * v[1]! - Math.sin(v[1]!);

test("central differences reproduce the lecture's gradient", () => {
  close(numericalGrad(lecture, Float64Array.of(2, 5)), [5.5, 1.7163378145367738], 1e-9);
});

test("forward differences are less accurate but close", () => {
  const gradient = numericalGrad(lecture, Float64Array.of(2, 5), { method: "forward" });
  close(gradient, [5.5, 1.7163378145367738], 1e-6);
});

test("central differences: exact on quadratic terms, off by exactly h² on a cubic one", () => {
  // f(v) = v₀² + 3v₀v₁ + v₂³ at (1, 2, −1): gradient (8, 3, 3)
  const f = (v: Float64Array): number => v[0]! ** 2 + 3 * v[0]! * v[1]! + v[2]! ** 3;
  close(numericalGrad(f, [1, 2, -1], { h: 1e-3 }), [8, 3, 3.000001], 1e-9);
});

test("the caller's x is not modified, f sees a copy", () => {
  const x = Float64Array.of(0.3, -0.7);
  let seen: Float64Array | undefined;
  numericalGrad((v) => {
    seen = v;
    return v[0]! * v[1]!;
  }, x);
  assert.deepEqual(Array.from(x), [0.3, -0.7]);
  assert.notEqual(seen, x);
});

test("default steps follow the rounding analysis", () => {
  assert.ok(Math.abs(defaultStep("forward") - 1.4901161193847656e-8) < 1e-20);
  assert.ok(Math.abs(defaultStep("central") - 6.0554544523933395e-6) < 1e-18);
});

test("bad h, bad method and non-finite f are clear errors", () => {
  const f = (v: Float64Array): number => v[0]!;
  for (const h of [0, -1e-5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => numericalGrad(f, [1], { h }), /h must be a finite number > 0/);
  }
  assert.throws(() => numericalGrad(f, [1e20], { h: 1e-5 }), /too small or too large for x\[0\]/);
  assert.throws(
    () => numericalGrad((v) => Math.log(v[0]!), [0], { h: 1e-3 }),
    /f returned NaN at x − h·e0/,
  );
  assert.throws(
    () => numericalGrad(f, [1], { method: "backward" as "forward" }),
    /method must be "forward" or "central"/,
  );
});
