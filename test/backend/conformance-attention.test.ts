// Conformance: the fused attention kernels of every backend against js, forward (out, lse) and backward
// (∂q, ∂k, ∂v, ∂mask) on edge sizes, strided/transposed/broadcast operands, both mask kinds, causal,
// dropout. float64 to 1e-12; float32 to 2e-4 of the output's scale (the kernels compute in float32).
import { test } from "node:test";
import type {
  AttentionProblem,
  BatchedMatrices,
  AttentionDropout,
} from "../../src/backend/attention.js";
import type { FloatArray, TypedArray } from "../../src/backend/dtype.js";
import {
  assertClose,
  BACKENDS,
  FLOAT_DTYPES,
  garbageArray,
  newArray,
  reference,
  seeded,
} from "./support.js";

type Layout = "contiguous" | "transposed" | "broadcast";
const LAYOUTS: readonly Layout[] = ["contiguous", "transposed", "broadcast"];

/** `batch` random [rows, cols] matrices laid out as asked, values in [−2, 2) (int32: 0/1). */
function matrices<A extends TypedArray>(
  random: () => number,
  data: A,
  batch: number,
  rows: number,
  cols: number,
  layout: Layout,
): BatchedMatrices<A> {
  const offset = 3;
  for (let i = 0; i < data.length; i++)
    data[i] = data instanceof Int32Array ? (random() < 0.75 ? 1 : 0) : 4 * random() - 2;
  const offsets = Float64Array.from({ length: batch }, (_, b) =>
    layout === "broadcast" ? offset : offset + b * rows * cols,
  );
  return layout === "transposed"
    ? { data, offsets, rowStride: 1, colStride: rows }
    : { data, offsets, rowStride: cols, colStride: 1 };
}

interface Sizes {
  batch: number;
  L: number;
  S: number;
  E: number;
  Ev: number;
}

function problem(
  random: () => number,
  dtype: "float32" | "float64",
  sizes: Sizes,
  variant: number,
): AttentionProblem {
  const { batch, L, S, E, Ev } = sizes;
  const layout = (k: number): Layout => LAYOUTS[(variant + k) % LAYOUTS.length]!;
  const operand = (rows: number, cols: number, k: number) =>
    matrices(
      random,
      newArray(dtype, 3 + batch * rows * cols) as FloatArray,
      batch,
      rows,
      cols,
      layout(k),
    );
  const maskKind = variant % 4;
  const mask =
    maskKind === 1
      ? matrices(random, new Int32Array(3 + batch * L * S), batch, L, S, layout(3))
      : maskKind === 2
        ? operand(L, S, 3)
        : null;
  const dropout: AttentionDropout | null =
    variant % 5 === 4 ? { p: 0.3, seed: [12345, 678] } : null;
  return {
    batch,
    queries: L,
    keys: S,
    headDim: E,
    valueDim: Ev,
    query: operand(L, E, 0),
    key: operand(S, E, 1),
    value: operand(S, Ev, 2),
    mask,
    causal: maskKind === 3,
    scale: variant % 2 === 0 ? 1 / Math.sqrt(E) : -0.7,
    dropout,
  };
}

const SIZES: readonly Sizes[] = [
  { batch: 1, L: 1, S: 1, E: 1, Ev: 1 },
  { batch: 3, L: 5, S: 7, E: 4, Ev: 3 },
  { batch: 2, L: 17, S: 1, E: 9, Ev: 5 },
  { batch: 2, L: 0, S: 4, E: 3, Ev: 2 },
  { batch: 2, L: 3, S: 0, E: 3, Ev: 2 },
  { batch: 4, L: 33, S: 50, E: 16, Ev: 24 },
  { batch: 2, L: 64, S: 64, E: 32, Ev: 32 },
];

/**
 * An output of `batch` [rows, cols] matrices full of marker bytes, contiguous or interleaved as
 * [rows, batch, cols] (the heads layout of the op's output), rows contiguous.
 */
function output(
  dtype: "float32" | "float64",
  batch: number,
  rows: number,
  cols: number,
  interleaved: boolean,
  fill = garbageArray,
): BatchedMatrices {
  const data = fill(dtype, batch * rows * cols) as FloatArray;
  const offsets = Float64Array.from({ length: batch }, (_, b) =>
    interleaved ? b * cols : b * rows * cols,
  );
  return { data, offsets, rowStride: interleaved ? batch * cols : cols, colStride: 1 };
}

/** The [batch, rows, cols] values of strided matrices, row-major. */
function read(m: BatchedMatrices, batch: number, rows: number, cols: number): Float64Array {
  const flat = new Float64Array(batch * rows * cols);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        flat[(b * rows + i) * cols + j] =
          m.data[m.offsets[b]! + i * m.rowStride + j * m.colStride]!;
  return flat;
}

for (const backend of BACKENDS)
  test(`attentionForward and attentionBackward match js (${backend.name})`, () => {
    const random = seeded(21);
    for (const dtype of FLOAT_DTYPES)
      for (const sizes of SIZES)
        for (let variant = 0; variant < 10; variant++) {
          const p = problem(random, dtype, sizes, variant);
          const { batch, L, S, E, Ev } = sizes;
          const label = `${dtype} ${JSON.stringify(sizes)} variant ${variant}`;
          const [rtol, atol] = dtype === "float64" ? [1e-12, 1e-12] : [2e-4, 2e-4];
          const interleaved = variant % 3 === 1;
          const expected = {
            out: output(dtype, batch, L, Ev, false, newArray),
            lse: new Float64Array(batch * L),
          };
          reference.attentionForward({ ...p, ...expected });
          const out = output(dtype, batch, L, Ev, interleaved);
          const lse = garbageArray("float64", batch * L) as Float64Array;
          backend.attentionForward({ ...p, out, lse });
          assertClose(
            read(out, batch, L, Ev),
            read(expected.out, batch, L, Ev),
            rtol,
            atol,
            `out ${label}`,
          );
          assertClose(lse, expected.lse, rtol, atol, `lse ${label}`);
          const outputGrad = matrices(
            random,
            newArray(dtype, 3 + batch * L * Ev) as FloatArray,
            batch,
            L,
            Ev,
            LAYOUTS[variant % 3]!,
          );
          const floatMask = p.mask !== null && !(p.mask.data instanceof Int32Array);
          const grads = (fill: typeof garbageArray, layout: boolean) => ({
            queryGrad: output(dtype, batch, L, E, layout, fill),
            keyGrad: output(dtype, batch, S, E, layout, fill),
            valueGrad: output(dtype, batch, S, Ev, layout, fill),
            maskGrad: floatMask ? (fill(dtype, batch * L * S) as FloatArray) : null,
          });
          const want = grads(newArray, false);
          reference.attentionBackward({ ...p, ...expected, outputGrad, ...want });
          const got = grads(garbageArray, interleaved);
          backend.attentionBackward({ ...p, ...expected, outputGrad, ...got });
          const shapes = { queryGrad: [L, E], keyGrad: [S, E], valueGrad: [S, Ev] } as const;
          for (const name of ["queryGrad", "keyGrad", "valueGrad"] as const) {
            const [rows, cols] = shapes[name];
            assertClose(
              read(got[name], batch, rows, cols),
              read(want[name], batch, rows, cols),
              rtol,
              atol,
              `${name} ${label}`,
            );
          }
          if (want.maskGrad !== null)
            assertClose(got.maskGrad!, want.maskGrad, rtol, atol, `maskGrad ${label}`);
        }
  });
