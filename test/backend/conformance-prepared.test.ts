// Conformance: products with a prepared (on native: packed once) right operand against js's matmul on
// every backend — several KC/MC blocks, edge panels, transposed and offset operands — and, on native,
// the same bits as the plain GEMM and for any thread count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import type { FloatArray, StridedArray } from "../../src/backend/backend.js";
import type { DType } from "../../src/backend/dtype.js";
import { setNumThreads } from "../../src/backend/threads.js";
import { BACKENDS, FLOAT_DTYPES, newArray, reference, seeded } from "./support.js";

const SHAPES: readonly [number, number, number][] = [
  [1, 7, 3],
  [3, 1, 5],
  [32, 256, 1024],
  [5, 400, 97],
  [200, 300, 50],
  [33, 1030, 260],
];

/** A [rows, cols] view of random values, stored transposed or not, at an offset. */
function matrix(
  random: () => number,
  dtype: DType,
  rows: number,
  cols: number,
  transposed: boolean,
): StridedArray {
  const offset = 3;
  const data = newArray(dtype, offset + rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = 2 * random() - 1;
  return { data, shape: [rows, cols], strides: transposed ? [1, rows] : [cols, 1], offset };
}

const batched = (x: StridedArray): StridedArray => ({
  ...x,
  shape: [1, ...x.shape],
  strides: [0, ...x.strides],
});

for (const backend of BACKENDS)
  test(`matmulPrepared matches js's matmul (${backend.name})`, () => {
    const random = seeded(5);
    for (const dtype of FLOAT_DTYPES)
      for (const [m, k, n] of SHAPES)
        for (const transposed of [false, true]) {
          const [a, b] = [
            matrix(random, dtype, m, k, false),
            matrix(random, dtype, k, n, transposed),
          ];
          const expected = newArray(dtype, m * n);
          reference.matmul({ a: batched(a), b: batched(b), out: expected });
          const abs = (x: StridedArray): StridedArray =>
            batched({ ...x, data: Float64Array.from(x.data, Math.abs) });
          const scale = new Float64Array(m * n);
          reference.matmul({ a: abs(a), b: abs(b), out: scale });
          const prepared = backend.prepareRight(b);
          const actual = newArray(dtype, m * n).fill(7) as FloatArray;
          backend.matmulPrepared(a, prepared, actual);
          const rtol = dtype === "float64" ? 1e-13 : 2e-6;
          actual.forEach((value, i) => {
            if (!(Math.abs(value - expected[i]!) <= rtol * (scale[i]! + 1e-30)))
              throw new Error(
                `${dtype} [${m}, ${k}]·[${k}, ${n}] entry ${i}: ${value} vs ${expected[i]}`,
              );
          });
          if (backend.name !== "native" || m === 1 || n === 1 || m * k * n < 2048) continue;
          const plain = newArray(dtype, m * n);
          backend.matmul({ a: batched(a), b: batched(b), out: plain });
          assert.deepEqual(
            actual,
            plain,
            `${dtype} [${m}, ${k}]·[${k}, ${n}]: the plain GEMM's bits`,
          );
          for (const threads of [1, 2, 3, 4]) {
            setNumThreads(threads);
            const threaded = newArray(dtype, m * n) as FloatArray;
            backend.matmulPrepared(a, prepared, threaded);
            setNumThreads(availableParallelism());
            assert.deepEqual(
              threaded,
              actual,
              `${dtype} [${m}, ${k}]·[${k}, ${n}] with ${threads} threads`,
            );
          }
        }
  });
