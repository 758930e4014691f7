// sparseMatmul and its transpose: gradcheck (first and second order, float64, every element), float32, literals.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { gradcheck } from "../../../src/functional/gradcheck.js";
import { sparseMatmul, sparseTransposeMatmul } from "../../../src/ops/sparse/sparse-matmul.js";
import { tensor } from "../../../src/tensor/creation.js";
import { ShapeError } from "../../../src/tensor/errors.js";
import { CsrMatrix } from "../../../src/tensor/sparse/csr-matrix.js";
import type { Tensor } from "../../../src/tensor/tensor.js";
import { tensorOfShape } from "../../support/arbitraries.js";
import { gradientOf, SEED } from "../../support/grad-cases.js";
import { csrArb } from "../../support/sparse-arbitraries.js";

const options = { seed: SEED, numRuns: 40 };

/** A sparse matrix with a dense operand of matching inner size: [cols] or [cols, n], in any layout. */
const productArb = (transposed: boolean): fc.Arbitrary<[CsrMatrix, Tensor]> =>
  fc.tuple(csrArb(), fc.integer({ min: 0, max: 3 })).chain(([a, n]) => {
    const inner = transposed ? a.rows : a.cols;
    return tensorOfShape(n === 0 ? [inner] : [inner, n]).map((b): [CsrMatrix, Tensor] => [a, b]);
  });

const assertClose = (actual: Tensor, expected: Tensor, tolerance: number): void => {
  assert.deepEqual(actual.shape, expected.shape);
  const [x, y] = [actual.dataSync(), expected.dataSync()];
  x.forEach((value, i) =>
    assert.ok(Math.abs(value - y[i]!) <= tolerance, `${value} vs ${y[i]} at ${i}`),
  );
};

test("sparseMatmul: the literal 2×3 example", () => {
  const a = new CsrMatrix(
    [2, 3],
    Int32Array.of(0, 1, 3),
    Int32Array.of(2, 0, 1),
    Float64Array.of(5, 1, 2),
  );
  const w = tensor(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    { dtype: "float64", requiresGrad: true },
  );
  const y = sparseMatmul(a, w);
  assert.deepEqual(y.toArray(), [
    [25, 30],
    [7, 10],
  ]);
  y.mul(
    tensor(
      [
        [1, 10],
        [100, 1000],
      ],
      { dtype: "float64" },
    ),
  )
    .sum()
    .backward();
  // Aᵀ·G with G = [[1, 10], [100, 1000]]: row 0 ← 1·G[1], row 1 ← 2·G[1], row 2 ← 5·G[0]
  assert.deepEqual(w.grad!.toArray(), [
    [100, 1000],
    [200, 2000],
    [5, 50],
  ]);
  assert.deepEqual(sparseMatmul(a, tensor([1, 1, 1], { dtype: "float64" })).toArray(), [5, 3]);
});

test("sparseMatmul and sparseTransposeMatmul equal the dense products", () => {
  fc.assert(
    fc.property(productArb(false), productArb(true), ([a, b], [c, g]) => {
      assertClose(sparseMatmul(a, b), a.toDense().matmul(b), 1e-12);
      assertClose(sparseTransposeMatmul(c, g), c.toDense().transpose().matmul(g), 1e-12);
    }),
    options,
  );
});

test("sparseMatmul: backward matches central differences", () => {
  fc.assert(
    fc.property(productArb(false), ([a, b]) => {
      const result = gradcheck((x) => sparseMatmul(a, x), [b]);
      assert.ok(result.ok, JSON.stringify(result));
    }),
    options,
  );
});

test("sparseTransposeMatmul: backward matches central differences", () => {
  fc.assert(
    fc.property(productArb(true), ([a, g]) => {
      const result = gradcheck((x) => sparseTransposeMatmul(a, x), [g]);
      assert.ok(result.ok, JSON.stringify(result));
    }),
    options,
  );
});

test("second derivatives through both sparse products match central differences", () => {
  // tanh(A·W)² is not linear in W, so its gradient Aᵀ·(…) depends on W through the backward op.
  const f = (a: CsrMatrix) => (w: Tensor) => sparseMatmul(a, w).tanh().square();
  fc.assert(
    fc.property(productArb(false), ([a, b]) => {
      const result = gradcheck(gradientOf(f(a)), [b], { atol: 1e-7, rtol: 1e-5 });
      assert.ok(result.ok, JSON.stringify(result));
    }),
    { ...options, numRuns: 20 },
  );
});

test("float32 agrees with float64 and mixed dtypes promote", () => {
  fc.assert(
    fc.property(productArb(false), ([a, b]) => {
      const exact = sparseMatmul(a, b);
      const single = sparseMatmul(a.astype("float32"), b.astype("float32"));
      assert.equal(single.dtype, "float32");
      assertClose(single.astype("float64"), exact, 1e-5 * (1 + a.nnz));
      assert.equal(sparseMatmul(a.astype("float32"), b).dtype, "float64");
    }),
    options,
  );
});

test("float32 gradients flow to float32 weights", () => {
  const a = CsrMatrix.fromDense(
    tensor([
      [0, 2],
      [3, 0],
    ]),
  );
  const w = tensor([1, 1], { requiresGrad: true });
  sparseMatmul(a, w).sum().backward();
  assert.equal(w.grad!.dtype, "float32");
  assert.deepEqual(w.grad!.toArray(), [3, 2]);
});

test("sparseMatmul names both shapes when the inner dimensions differ", () => {
  const a = CsrMatrix.fromDense(tensor([[0, 2, 1]]));
  assert.throws(() => sparseMatmul(a, tensor([1, 2])), {
    name: "ShapeError",
    message: "sparseMatmul: inner dimensions differ: A [1, 3] with [2] (3 vs 2)",
  });
  assert.throws(() => sparseMatmul(a, tensor([[[1]]])), ShapeError);
});
