// The error-order experiment: slopes ≈ 1 (forward) and ≈ 2 (central), and rounding below the best step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { errorOrder, logLogSlope } from "../../src/check/error-order.js";

// f(x, y) = log x + xy − sin y, with its gradient (1/x + y, x − cos y) derived by hand.
const lecture = (v: Float64Array): number => Math.log(v[0]!) + v[0]! * v[1]! - Math.sin(v[1]!);
const lectureGradient = (v: Float64Array): number[] => [1 / v[0]! + v[1]!, v[0]! - Math.cos(v[1]!)];

test("the lecture's function: forward order ≈ 1, central order ≈ 2", () => {
  const result = errorOrder(lecture, lectureGradient, [2, 5]);
  assert.equal(result.rows.length, 12);
  assert.ok(
    result.forward.slope > 0.8 && result.forward.slope < 1.2,
    `forward ${result.forward.slope}`,
  );
  assert.ok(
    result.central.slope > 1.8 && result.central.slope < 2.2,
    `central ${result.central.slope}`,
  );
});

test("rounding takes over: the best steps sit near √ε (forward) and ∛ε (central)", () => {
  const result = errorOrder(lecture, lectureGradient, [2, 5]);
  assert.ok(
    result.forward.bestH <= 1e-6 && result.forward.bestH >= 1e-9,
    `${result.forward.bestH}`,
  );
  assert.ok(
    result.central.bestH <= 1e-4 && result.central.bestH >= 1e-7,
    `${result.central.bestH}`,
  );
  assert.ok(result.central.bestError < result.forward.bestError);
  const smallest = result.rows[result.rows.length - 1]!;
  assert.ok(smallest.forwardError > 100 * result.forward.bestError);
  assert.ok(smallest.centralError > 100 * result.central.bestError);
});

test("a second function, exp(x)·sin(2y) + x³, gives the same orders", () => {
  const f = (v: Float64Array): number => Math.exp(v[0]!) * Math.sin(2 * v[1]!) + v[0]! ** 3;
  const gradient = (v: Float64Array): number[] => [
    Math.exp(v[0]!) * Math.sin(2 * v[1]!) + 3 * v[0]! ** 2,
    2 * Math.exp(v[0]!) * Math.cos(2 * v[1]!),
  ];
  const result = errorOrder(f, gradient, [0.3, 0.4], {
    steps: [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8],
  });
  assert.ok(Math.abs(result.forward.slope - 1) < 0.2, `forward ${result.forward.slope}`);
  assert.ok(Math.abs(result.central.slope - 2) < 0.2, `central ${result.central.slope}`);
});

test("logLogSlope fits powers exactly", () => {
  assert.ok(
    Math.abs(
      logLogSlope([
        [0.1, 3e-3],
        [0.01, 3e-6],
        [0.001, 3e-9],
      ]) - 3,
    ) < 1e-12,
  );
  assert.ok(
    Math.abs(
      logLogSlope([
        [1, 5],
        [10, 50],
      ]) - 1,
    ) < 1e-12,
  );
});
