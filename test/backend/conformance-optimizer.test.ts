// Conformance: the fused optimizer updates (Adam/AdamW, SGD with momentum, Nesterov, weight decay) of
// every backend give the js reference's bits, over several steps, at sizes on both sides of the native
// threshold and on views at an offset into larger storage; and the reference is Adam's formula.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Backend, FloatArray } from "../../src/backend/backend.js";
import type { AdamUpdate, SgdUpdate } from "../../src/backend/optimizer-kernels.js";
import { BACKENDS, FLOAT_DTYPES, newArray, reference, seeded } from "./support.js";

type Dtype = (typeof FLOAT_DTYPES)[number];

const SIZES = [1, 7, 255, 256, 1000, 4099];
const STEPS = 3;

/** Random values in [−scale, scale), as a view 3 elements into a larger array. */
function randomArray(
  random: () => number,
  dtype: Dtype,
  length: number,
  scale: number,
): FloatArray {
  const storage = newArray(dtype, length + 5) as FloatArray;
  for (let i = 0; i < storage.length; i++) storage[i] = scale * (2 * random() - 1);
  return storage.subarray(3, 3 + length);
}

const copy = (array: FloatArray): FloatArray => array.slice();

function assertSameBits(actual: FloatArray, expected: FloatArray, label: string): void {
  assert.equal(actual.length, expected.length, label);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${label}: element ${i} is ${actual[i]}, the js reference's ${expected[i]}`);
  }
}

const ADAMS: Omit<AdamUpdate, "correction1" | "correction2">[] = [
  { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false },
  { lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1, decoupled: false },
  { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true },
];

const SGDS: SgdUpdate[] = [
  { lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 },
  { lr: 0.05, momentum: 0, nesterov: false, weightDecay: 1e-3 },
  { lr: 0.05, momentum: 0.9, nesterov: false, weightDecay: 0 },
  { lr: 0.02, momentum: 0.9, nesterov: true, weightDecay: 1e-2 },
];

/** Runs `steps` Adam updates on `backend` from the given start; returns θ, m, v. */
function runAdam(
  backend: Backend,
  start: FloatArray[],
  grads: FloatArray[],
  settings: (typeof ADAMS)[number],
): FloatArray[] {
  const [param, first, second] = start.map(copy) as [FloatArray, FloatArray, FloatArray];
  grads.forEach((grad, i) => {
    const t = i + 1;
    const update = {
      ...settings,
      correction1: 1 - settings.beta1 ** t,
      correction2: 1 - settings.beta2 ** t,
    };
    backend.adamUpdate(param, grad, first, second, update);
  });
  return [param, first, second];
}

function runSgd(
  backend: Backend,
  start: FloatArray[],
  grads: FloatArray[],
  settings: SgdUpdate,
): FloatArray[] {
  const [param, buffer] = start.map(copy) as [FloatArray, FloatArray];
  for (const grad of grads)
    backend.sgdUpdate(param, grad, settings.momentum === 0 ? null : buffer, settings);
  return [param, buffer];
}

for (const backend of BACKENDS) {
  test(`${backend.name}: adamUpdate gives the js reference's bits`, () => {
    const random = seeded(11);
    for (const dtype of FLOAT_DTYPES)
      for (const size of SIZES)
        for (const settings of ADAMS) {
          const start = [randomArray(random, dtype, size, 2), newArray(dtype, size) as FloatArray];
          start.push(newArray(dtype, size) as FloatArray);
          const grads = Array.from({ length: STEPS }, () => randomArray(random, dtype, size, 1));
          const expected = runAdam(reference, start, grads, settings);
          const actual = runAdam(backend, start, grads, settings);
          ["θ", "m", "v"].forEach((name, i) =>
            assertSameBits(
              actual[i]!,
              expected[i]!,
              `${dtype} [${size}] ${JSON.stringify(settings)} ${name}`,
            ),
          );
        }
  });

  test(`${backend.name}: sgdUpdate gives the js reference's bits`, () => {
    const random = seeded(12);
    for (const dtype of FLOAT_DTYPES)
      for (const size of SIZES)
        for (const settings of SGDS) {
          const start = [randomArray(random, dtype, size, 2), newArray(dtype, size) as FloatArray];
          const grads = Array.from({ length: STEPS }, () => randomArray(random, dtype, size, 1));
          const expected = runSgd(reference, start, grads, settings);
          const actual = runSgd(backend, start, grads, settings);
          ["θ", "buffer"].forEach((name, i) =>
            assertSameBits(
              actual[i]!,
              expected[i]!,
              `${dtype} [${size}] ${JSON.stringify(settings)} ${name}`,
            ),
          );
        }
  });
}

test("the float64 reference is Adam's update, and float32 rounds each operation", () => {
  const random = seeded(13);
  const settings = ADAMS[1]!;
  for (const dtype of FLOAT_DTYPES) {
    const start = [randomArray(random, dtype, 50, 2), newArray(dtype, 50) as FloatArray];
    start.push(newArray(dtype, 50) as FloatArray);
    const grads = Array.from({ length: STEPS }, () => randomArray(random, dtype, 50, 1));
    const [param] = runAdam(reference, start, grads, settings);
    // the textbook rule in float64, written independently: g ← g + λθ, m̂ = m/c₁, v̂ = v/c₂
    const { lr, beta1, beta2, eps, weightDecay } = settings;
    for (let i = 0; i < 50; i++) {
      let [theta, m, v] = [start[0]![i]!, 0, 0];
      grads.forEach((grad, s) => {
        const g = grad[i]! + weightDecay * theta;
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        const [c1, c2] = [1 - beta1 ** (s + 1), 1 - beta2 ** (s + 1)];
        theta -= (lr * (m / c1)) / (Math.sqrt(v / c2) + eps);
      });
      const tolerance = dtype === "float64" ? 1e-13 : 1e-6;
      assert.ok(Math.abs(param![i]! - theta) <= tolerance * (1 + Math.abs(theta)), `${dtype} ${i}`);
    }
  }
});
