// Conformance: the row-softmax kernels (log Σ exp per row, softmax cross-entropy's gradient) of every
// backend against js, on edge shapes, huge and infinite logits and NaN.
import { test } from "node:test";
import type { FloatArray } from "../../src/backend/dtype.js";
import {
  assertClose,
  BACKENDS,
  FLOAT_DTYPES,
  garbageArray,
  newArray,
  reference,
  seeded,
} from "./support.js";

const SHAPES: readonly [number, number][] = [
  [1, 1],
  [3, 7],
  [17, 100],
  [64, 1000],
  [300, 33],
  [1, 5000],
];

/** Logits in ±8, with some rows huge (±1e4), one row holding −∞, +∞ or NaN. */
function logits(
  dtype: "float32" | "float64",
  rows: number,
  cols: number,
  seed: number,
): FloatArray {
  const random = seeded(seed);
  const x = newArray(dtype, rows * cols) as FloatArray;
  for (let i = 0; i < x.length; i++) x[i] = 16 * random() - 8;
  if (rows > 2) {
    for (let c = 0; c < cols; c++) x[cols + c] = x[cols + c]! * 1250; // a row of ±1e4
    x[2 * cols] = -Infinity;
  }
  if (rows > 5) x[5 * cols + (cols > 1 ? 1 : 0)] = Infinity;
  if (rows > 9) x[9 * cols] = NaN;
  return x;
}

for (const backend of BACKENDS) {
  test(`${backend.name}: logSumExpRows and softmaxCrossEntropyGrad match js`, () => {
    for (const dtype of FLOAT_DTYPES)
      for (const [i, [rows, cols]] of SHAPES.entries()) {
        const x = logits(dtype, rows, cols, 11 * i + dtype.length);
        const [expected, actual] = [new Float64Array(rows), new Float64Array(rows).fill(12.5)];
        reference.logSumExpRows(x, rows, cols, expected);
        backend.logSumExpRows(x, rows, cols, actual);
        const [rtol, atol] = dtype === "float64" ? [1e-13, 1e-300] : [1e-6, 1e-30];
        assertClose(actual, expected, rtol, atol, `lse ${dtype} [${rows}, ${cols}]`);
        const random = seeded(i);
        const labels = Int32Array.from({ length: rows }, () => Math.floor(random() * cols));
        for (const g of [
          Float64Array.of(0.25),
          Float64Array.from({ length: rows }, () => random()),
        ]) {
          const wanted = newArray(dtype, rows * cols) as FloatArray;
          const got = garbageArray(dtype, rows * cols) as FloatArray;
          reference.softmaxCrossEntropyGrad(x, labels, expected, g, wanted);
          backend.softmaxCrossEntropyGrad(x, labels, expected, g, got);
          assertClose(got, wanted, rtol, atol, `grad ${dtype} [${rows}, ${cols}] g×${g.length}`);
        }
      }
  });
}
