// CsrMatrix: validated construction, round trips with dense tensors, row selection for mini-batches.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { tensor } from "../../../src/tensor/creation.js";
import { CsrMatrix, SparseFormatError } from "../../../src/tensor/sparse/csr-matrix.js";
import { SEED } from "../../support/grad-cases.js";
import { csrArb } from "../../support/sparse-arbitraries.js";

const build = (shape: number[], indptr: number[], indices: number[], values: number[]): CsrMatrix =>
  new CsrMatrix(
    shape,
    Int32Array.from(indptr),
    Int32Array.from(indices),
    Float32Array.from(values),
  );

test("a literal matrix: shape, nnz, dtype and dense form", () => {
  const a = build([3, 4], [0, 2, 2, 3], [0, 3, 1], [1.5, -2, 4]);
  assert.deepEqual(a.shape, [3, 4]);
  assert.equal(a.nnz, 3);
  assert.equal(a.dtype, "float32");
  assert.deepEqual(a.toDense().toArray(), [
    [1.5, 0, 0, -2],
    [0, 0, 0, 0],
    [0, 4, 0, 0],
  ]);
  assert.equal(a.toString(), "CsrMatrix([3, 4], nnz=3, float32)");
});

test("construction names the broken rule", () => {
  const cases: [() => CsrMatrix, string][] = [
    [
      () => build([2, 2], [0, 1], [0], [1]),
      "CsrMatrix: indptr has 2 entries, expected rows + 1 = 3",
    ],
    [() => build([1, 2], [1, 1], [], []), "CsrMatrix: indptr[0] must be 0, got 1"],
    [() => build([1, 2], [0, 1], [0, 1], [1]), "CsrMatrix: indices has 2 entries but values has 1"],
    [
      () => build([1, 2], [0, 1], [0, 1], [1, 2]),
      "CsrMatrix: indptr[1] = 1 must equal the number of stored entries 2",
    ],
    [
      () => build([3, 2], [0, 2, 1, 2], [0, 1], [1, 2]),
      "CsrMatrix: indptr decreases at row 1 (2 then 1)",
    ],
    [() => build([1, 2], [0, 1], [2], [1]), "CsrMatrix: row 0 has column 2, outside [0, 2)"],
    [
      () => build([1, 3], [0, 2], [1, 1], [1, 2]),
      "CsrMatrix: row 0: columns must be strictly increasing, got 1 then 1",
    ],
    [
      () => build([1.5, 2], [0, 0], [], []),
      "CsrMatrix: shape must be [rows, cols] of non-negative integers, got [1.5, 2]",
    ],
  ];
  for (const [make, message] of cases) assert.throws(make, { name: "SparseFormatError", message });
  assert.throws(() => CsrMatrix.fromDense(tensor([1, 2])), SparseFormatError);
});

test("fromRows sorts columns and drops zeros; fromDense and toDense round-trip", () => {
  const a = CsrMatrix.fromRows(
    [
      new Map([
        [3, 2],
        [1, 5],
        [2, 0],
      ]),
      new Map(),
    ],
    4,
    "float64",
  );
  assert.deepEqual([...a.indptr], [0, 2, 2]);
  assert.deepEqual([...a.indices], [1, 3]);
  assert.deepEqual([...a.values], [5, 2]);
  fc.assert(
    fc.property(csrArb(), (m) => {
      const back = CsrMatrix.fromDense(m.toDense());
      assert.deepEqual([...back.indptr], [...m.indptr]);
      assert.deepEqual([...back.indices], [...m.indices]);
      assert.deepEqual([...back.values], [...m.values]);
    }),
    { seed: SEED, numRuns: 50 },
  );
});

test("selectRows and sliceRows give the dense rows at those positions", () => {
  fc.assert(
    fc.property(
      csrArb().chain((m) =>
        fc.tuple(
          fc.constant(m),
          fc.array(fc.integer({ min: 0, max: m.rows - 1 }), { maxLength: 7 }),
        ),
      ),
      ([m, rows]) => {
        const dense = m.toDense().toArray() as number[][];
        const picked = m.selectRows(Int32Array.from(rows));
        assert.deepEqual(picked.shape, [rows.length, m.cols]);
        assert.deepEqual(
          picked.toDense().toArray(),
          rows.map((r) => dense[r]),
        );
        assert.deepEqual(m.sliceRows(1, 3).toDense().toArray(), dense.slice(1, 3));
      },
    ),
    { seed: SEED, numRuns: 50 },
  );
  const a = build([2, 2], [0, 1, 2], [0, 1], [1, 2]);
  assert.throws(() => a.selectRows([2]), {
    message: "CsrMatrix.selectRows: row 2 is out of range for 2 rows",
  });
});

test("astype converts values once and caches; withValues keeps the structure", () => {
  const a = build([1, 3], [0, 2], [0, 2], [0.1, 3]);
  const wide = a.astype("float64");
  assert.equal(wide.dtype, "float64");
  assert.equal(a.astype("float64"), wide);
  assert.equal(a.astype("float32"), a);
  assert.equal(wide.values[0], Math.fround(0.1));
  const doubled = a.withValues(Float32Array.of(2, 6));
  assert.equal(doubled.indices, a.indices);
  assert.deepEqual(doubled.toDense().toArray(), [[2, 0, 6]]);
});
