// Conformance: batched strided matmul of every backend against js — edge sizes, transposed operands
// as strides, batch broadcast (stride 0), offsets. Tolerance: |error| ≤ rtol·Σₚ|aᵢₚ·bₚⱼ| per entry.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { StridedArray } from "../../src/backend/backend.js";
import type { DType } from "../../src/backend/dtype.js";
import { BACKENDS, FLOAT_DTYPES, MATMUL_LAYOUTS, newArray, reference, seeded } from "./support.js";

/** A [batch, rows, cols] view, optionally stored transposed, batch-broadcast, or at an offset. */
function matrix(
  random: () => number,
  dtype: DType,
  [batch, rows, cols]: [number, number, number],
  transposed: boolean,
  broadcast: boolean,
): StridedArray {
  const offset = 5;
  const stored = broadcast ? 1 : batch;
  const data = newArray(dtype, offset + stored * rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = 2 * random() - 1;
  const strides = transposed ? [rows * cols, 1, rows] : [rows * cols, cols, 1];
  if (broadcast) strides[0] = 0;
  return { data, shape: [batch, rows, cols], strides, offset };
}

/** Σₚ |a·b| per output entry: the scale a rounding error of the product is measured against. */
function magnitude(a: StridedArray, b: StridedArray): Float64Array {
  const abs = (x: StridedArray): StridedArray => ({ ...x, data: x.data.map(Math.abs) });
  const out = new Float64Array((a.shape[0] ?? 0) * (a.shape[1] ?? 0) * (b.shape[2] ?? 0));
  const toF64 = (x: StridedArray): StridedArray => ({ ...x, data: Float64Array.from(abs(x).data) });
  reference.matmul({ a: toF64(a), b: toF64(b), out });
  return out;
}

const CASES: readonly [number, number, number, number][] = [
  [1, 0, 3, 4],
  [1, 3, 0, 4],
  [1, 3, 4, 0],
  [1, 1, 1, 1],
  [1, 7, 7, 7],
  [2, 17, 7, 1],
  [3, 1, 17, 7],
  [1, 17, 17, 17],
  [1, 1023, 3, 7],
  [1, 5, 1023, 3],
  [1, 7, 3, 1023],
  [4, 33, 65, 47],
  [1, 130, 400, 97],
  [2, 200, 300, 260],
  // rows 4 KB apart (float k = 1024, double k = 512): native packs A instead of reading it in place
  [1, 29, 1024, 40],
  [1, 27, 512, 33],
  // matrix·vector (native runs these without packing): one output column, one output row, both
  [1, 300, 257, 1],
  [2, 37, 131, 1],
  [1, 1, 300, 129],
  [3, 1, 65, 67],
  [1, 1, 4099, 1],
];

for (const backend of BACKENDS) {
  describe(`${backend.name}: matmul matches js`, () => {
    for (const dtype of FLOAT_DTYPES) {
      const rtol = dtype === "float64" ? 1e-13 : 2e-6;
      for (const [batch, m, k, n] of CASES)
        test(`${dtype} [${batch},${m},${k}]×[${batch},${k},${n}]`, () => {
          const random = seeded(batch * 1000003 + m * 1009 + k * 31 + n);
          for (const [transposeA, transposeB, broadcastB] of MATMUL_LAYOUTS) {
            const a = matrix(random, dtype, [batch, m, k], transposeA, false);
            const b = matrix(random, dtype, [batch, k, n], transposeB, broadcastB);
            const expected = newArray(dtype, batch * m * n);
            const actual = newArray(dtype, batch * m * n).fill(7);
            reference.matmul({ a, b, out: expected });
            backend.matmul({ a, b, out: actual });
            const scale = magnitude(a, b);
            for (let i = 0; i < actual.length; i++) {
              const error = Math.abs(actual[i]! - expected[i]!);
              if (!(error <= rtol * (scale[i]! + 1e-30)))
                throw new Error(
                  `entry ${i}: ${actual[i]} vs ${expected[i]} (Aᵀ ${transposeA}, Bᵀ ${transposeB})`,
                );
            }
          }
        });
    }
  });
}

/** A bias [n] of random values, contiguous or every other element of a longer array. */
function biasOf(random: () => number, dtype: DType, n: number, strided: boolean): StridedArray {
  const step = strided ? 2 : 1;
  const data = newArray(dtype, 3 + n * step);
  for (let i = 0; i < data.length; i++) data[i] = 4 * random() - 2;
  return { data, shape: [n], strides: [step], offset: 3 };
}

const BIAS_CASES: readonly [number, number, number, number][] = [
  [1, 3, 0, 5],
  [1, 300, 257, 1],
  [1, 1, 300, 129],
  [2, 37, 20, 50],
  [1, 130, 800, 97],
  [1, 64, 128, 128],
];

for (const backend of BACKENDS) {
  describe(`${backend.name}: matmul with a bias and relu applies them after the product`, () => {
    for (const dtype of FLOAT_DTYPES)
      for (const [batch, m, k, n] of BIAS_CASES)
        test(`${dtype} [${batch},${m},${k}]×[${batch},${k},${n}] + bias, relu`, () => {
          const random = seeded(batch * 7919 + m * 101 + k * 13 + n);
          for (const [withBias, strided, relu] of [
            [true, false, false],
            [true, true, false],
            [true, false, true],
            [true, true, true],
            [false, false, true],
          ] as const) {
            const a = matrix(random, dtype, [batch, m, k], false, false);
            const b = matrix(random, dtype, [batch, k, n], true, false);
            const bias = withBias ? biasOf(random, dtype, n, strided) : undefined;
            // a NaN in A makes a row of NaN products, which relu keeps
            if (k > 0) a.data[a.offset] = NaN;
            // the same backend's product, then the bias added in the output's precision, then relu
            const expected = newArray(dtype, batch * m * n);
            backend.matmul({ a, b, out: expected });
            for (let i = 0; i < expected.length; i++) {
              const sum =
                bias === undefined
                  ? expected[i]!
                  : expected[i]! + bias.data[bias.offset + (i % n) * bias.strides[0]!]!;
              expected[i] = relu && !(sum > 0 || sum !== sum) ? 0 : sum;
            }
            const actual = newArray(dtype, batch * m * n).fill(7);
            backend.matmul({ a, b, out: actual, bias, relu });
            assert.deepEqual(
              actual,
              expected,
              `bias ${withBias}, strided ${strided}, relu ${relu}`,
            );
          }
        });
  });
}
