// The native GEMM reads a row- or column-major A in place and packs any other layout; every output
// element sums the same products in the same order either way (a column-major A in blocks of 192
// steps instead of 384: the same bits up to k = 192), so the layouts give the same bits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableBackends, backendByName } from "../../src/backend/registry.js";
import "../../src/node.js";
import type { StridedArray } from "../../src/backend/backend.js";
import { seeded } from "./support.js";

/** A [1, m, k] view of the same values stored row-major, column-major, or every other column of a wider array. */
function stored(values: Float32Array, m: number, k: number, layout: string): StridedArray {
  const data = new Float32Array(2 * m * k);
  const [rowStride, colStride] =
    layout === "rows" ? [k, 1] : layout === "columns" ? [1, m] : [2 * k, 2];
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) data[i * rowStride + p * colStride] = values[i * k + p]!;
  return { data, shape: [1, m, k], strides: [0, rowStride, colStride], offset: 0 };
}

test(
  "native matmul: A in place (row- or column-major) and A packed give the same bits",
  { skip: !availableBackends().includes("native") && "native addon not available" },
  () => {
    const native = backendByName("native")!;
    const random = seeded(42);
    for (const [m, k, n] of [
      [2048 / 16, 128, 128],
      [37, 700, 50],
      [30, 150, 70],
      [25, 9, 100],
    ] as const) {
      const values = Float32Array.from({ length: m * k }, () => 2 * random() - 1);
      const b = Float32Array.from({ length: k * n }, () => 2 * random() - 1);
      const right = { data: b, shape: [1, k, n], strides: [0, n, 1], offset: 0 };
      const products = ["rows", "columns", "strided"].map((layout) => {
        const out = new Float32Array(m * n);
        native.matmul({ a: stored(values, m, k, layout), b: right, out });
        return out;
      });
      assert.deepEqual(products[0], products[2], `[${m}, ${k}, ${n}] row-major vs packed`);
      if (k <= 192)
        assert.deepEqual(products[1], products[2], `[${m}, ${k}, ${n}] column-major vs packed`);
    }
  },
);
