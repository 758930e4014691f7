// Conformance: every backend's sparseAdamUpdate gives the js reference's bits (tables of several row
// widths, on both sides of the native threshold, over steps touching different rows), leaves untouched
// rows alone, and the float64 reference is PyTorch's SparseAdam rule written out independently.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Backend, FloatArray } from "../../src/backend/backend.js";
import type { SparseAdamUpdate } from "../../src/backend/optimizer-kernels.js";
import { BACKENDS, FLOAT_DTYPES, newArray, reference, seeded } from "./support.js";

type Dtype = (typeof FLOAT_DTYPES)[number];
const TABLE_ROWS = 40;
const WIDTHS = [1, 3, 100, 300];
const STEPS = 3;
const SETTINGS = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/** A step's distinct rows (1 … 20 of the table, in random order) and their gradient rows. */
function stepOf(random: () => number, dtype: Dtype, width: number) {
  const rows = [...Array(TABLE_ROWS).keys()].sort(() => random() - 0.5);
  const indices = Int32Array.from(rows.slice(0, 1 + Math.floor(random() * 20)));
  const values = newArray(dtype, indices.length * width) as FloatArray;
  for (let i = 0; i < values.length; i++) values[i] = 2 * random() - 1;
  return { indices, values };
}

/** The update of step t (1-based): PyTorch's step size, computed in double. */
const updateAt = (t: number): SparseAdamUpdate => ({
  stepSize: (SETTINGS.lr * Math.sqrt(1 - SETTINGS.beta2 ** t)) / (1 - SETTINGS.beta1 ** t),
  beta1: SETTINGS.beta1,
  beta2: SETTINGS.beta2,
  eps: SETTINGS.eps,
});

function run(
  backend: Backend,
  start: FloatArray,
  steps: ReturnType<typeof stepOf>[],
  width: number,
) {
  const [param, first, second] = [start.slice(), start.slice().fill(0), start.slice().fill(0)];
  steps.forEach(({ indices, values }, s) =>
    backend.sparseAdamUpdate(param, values, indices, width, first, second, updateAt(s + 1)),
  );
  return [param, first, second];
}

function scenario(random: () => number, dtype: Dtype, width: number) {
  const start = newArray(dtype, TABLE_ROWS * width) as FloatArray;
  for (let i = 0; i < start.length; i++) start[i] = 2 * random() - 1;
  const steps = Array.from({ length: STEPS }, () => stepOf(random, dtype, width));
  return { start, steps };
}

for (const backend of BACKENDS) {
  test(`${backend.name}: sparseAdamUpdate gives the js reference's bits`, () => {
    const random = seeded(21);
    for (const dtype of FLOAT_DTYPES)
      for (const width of WIDTHS) {
        const { start, steps } = scenario(random, dtype, width);
        const expected = run(reference, start, steps, width);
        const actual = run(backend, start, steps, width);
        ["θ", "m", "v"].forEach((name, k) => {
          for (let i = 0; i < start.length; i++)
            if (!Object.is(actual[k]![i], expected[k]![i]))
              assert.fail(
                `${dtype} width ${width} ${name}[${i}]: ${actual[k]![i]} vs ${expected[k]![i]}`,
              );
        });
      }
  });
}

test("the float64 reference is SparseAdam's rule on the touched rows and leaves the others alone", () => {
  const random = seeded(22);
  const width = 3;
  const { start, steps } = scenario(random, "float64", width);
  const [param] = run(reference, start, steps, width);
  const { lr, beta1, beta2, eps } = SETTINGS;
  for (let row = 0; row < TABLE_ROWS; row++)
    for (let j = 0; j < width; j++) {
      // the rule written out: moments move only when the row is touched, t counts the table's steps
      let [theta, m, v] = [start[row * width + j]!, 0, 0];
      steps.forEach(({ indices, values }, s) => {
        const k = indices.indexOf(row);
        if (k < 0) return;
        const g = values[k * width + j]!;
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        const t = s + 1;
        theta -= ((lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t)) * (m / (Math.sqrt(v) + eps));
      });
      const actual = param![row * width + j]!;
      assert.ok(
        Math.abs(actual - theta) <= 1e-13 * (1 + Math.abs(theta)),
        `row ${row}: ${actual} vs ${theta}`,
      );
    }
});
