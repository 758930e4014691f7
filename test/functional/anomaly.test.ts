// detectAnomaly names the op that first produced NaN/Inf, forward and backward; error messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AnomalyError,
  detectAnomaly,
  grad,
  jvp,
  tensor,
  vjp,
  type Tensor,
} from "../../src/index.js";

const f64 = (value: number | number[]): Tensor => tensor(value, { dtype: "float64" });

test("forward: log of a negative number is named, with the element and value", () => {
  const x = f64([1, -2, 3]);
  assert.throws(
    () => detectAnomaly(() => x.mul(2).log().sum()),
    (error: Error) =>
      error instanceof AnomalyError &&
      error.op === "log" &&
      error.index === 1 &&
      Number.isNaN(error.value) &&
      /anomaly: log produced NaN at element 1/.test(error.message),
  );
  // outside anomaly mode the NaN flows through silently
  assert.ok(Number.isNaN(x.log().sum().item()));
});

test("backward: sqrt at 0 has an infinite gradient, named as sqrt's backward", () => {
  const x = tensor([4, 0], { dtype: "float64", requiresGrad: true });
  const y = x.sqrt().sum();
  assert.equal(y.item(), 2);
  assert.throws(
    () => detectAnomaly(() => y.backward()),
    (error: Error) =>
      error instanceof AnomalyError && error.op.startsWith("sqrt backward") && error.index === 1,
  );
  assert.throws(
    () => detectAnomaly(() => grad((t: Tensor) => t.pow(0.5).sum())(f64([0, 1]))),
    /anomaly: pow backward .*produced Infinity at element 0/,
  );
});

test("the first anomalous op is named, not a later one that propagates it", () => {
  assert.throws(
    () =>
      detectAnomaly(() =>
        f64([0])
          .log()
          .exp()
          .mul(f64([0]))
          .sum(),
      ),
    (error: Error) =>
      error instanceof AnomalyError && error.op === "log" && error.value === -Infinity,
  );
});

test("errors: backward on a non-scalar without a gradient says so; dtype errors name both", () => {
  const y = tensor([1, 2], { dtype: "float64", requiresGrad: true }).mul(2);
  assert.throws(
    () => y.backward(),
    /backward: output has shape \[2\]; pass a gradient of that shape/,
  );
  y.backward(f64([1, 10]));
  assert.throws(
    () => tensor([1], { dtype: "int32", requiresGrad: true }),
    /int32 tensors cannot require gradients/,
  );
  assert.throws(
    () => grad((t: Tensor) => t.sum())(tensor([1], { dtype: "int32" })),
    /int32; only float32 and float64/,
  );
});

test("dtype errors name both dtypes", () => {
  const y = tensor([1, 2], { dtype: "float64", requiresGrad: true }).mul(2);
  assert.throws(
    () => y.backward(tensor([1, 1], { dtype: "float32" })),
    /backward: gradient has dtype float32 but the output has dtype float64/,
  );
  const [, pullback] = vjp((x) => x.exp(), f64([1, 2]));
  assert.throws(
    () => pullback(tensor([1, 1])),
    /vjp: the cotangent has dtype float32, expected float64/,
  );
  assert.throws(
    () => jvp((x) => x.exp(), [f64(1)], [tensor(1)]),
    /jvp: tangent 0 has dtype float32, expected float64/,
  );
});
