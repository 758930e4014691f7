// Conformance: reductions and index kernels of every backend against js. Tolerance for sums:
// rtol 1e-6 (float32) / 1e-13 (float64) of Σ|x|; max and min exact; index kernels exact.
import { describe, test } from "node:test";
import type { ReduceKernel } from "../../src/backend/backend.js";
import {
  assertClose,
  BACKENDS,
  EDGE_SIZES,
  FLOAT_DTYPES,
  LAYOUTS,
  garbageArray,
  newArray,
  randomView,
  reference,
  seeded,
} from "./support.js";

const CASES: readonly [number[], number[]][] = [
  ...EDGE_SIZES.map((size): [number[], number[]] => [[size], [0]]),
  [[1023], []],
  [[7, 17], [0]],
  [[7, 17], [1]],
  [
    [7, 17],
    [0, 1],
  ],
  [[17, 7, 33], [1]],
  [
    [17, 7, 33],
    [0, 2],
  ],
  [
    [17, 7, 33],
    [1, 2],
  ],
  [
    [17, 1, 33],
    [0, 1],
  ],
  [[300, 400], [0]],
  [[300, 400], [1]],
  [[120000], [0]],
];

for (const backend of BACKENDS) {
  describe(`${backend.name}: reductions match js`, () => {
    for (const dtype of FLOAT_DTYPES)
      for (const op of ["sum", "max", "min", "prod"] as ReduceKernel[])
        test(`${op} ${dtype}`, () => {
          const random = seeded(op.length * 13 + dtype.length);
          const rtol = dtype === "float64" ? 1e-13 : 1e-6;
          for (const [shape, axes] of CASES)
            for (const layout of LAYOUTS) {
              const [low, high] = op === "prod" ? [0.999, 1.001] : [-2, 2];
              const x = randomView(random, dtype, shape, layout, low, high);
              if (op !== "sum" && op !== "prod" && x.data.length > 40) x.data[40] = NaN;
              const outShape = shape.filter((_, axis) => !axes.includes(axis));
              const size = outShape.reduce((total, extent) => total * extent, 1);
              const expected = newArray(dtype, size);
              const actual = garbageArray(dtype, size);
              const scale = newArray("float64", size);
              reference.reduce(op, x, axes, expected);
              backend.reduce(op, x, axes, actual);
              const abs = { ...x, data: Float64Array.from(x.data, Math.abs) };
              reference.reduce(op === "prod" ? "prod" : "sum", abs, axes, scale);
              const exact = op === "max" || op === "min";
              for (let i = 0; i < size; i++) {
                const tolerance = exact ? 0 : rtol * scale[i]!;
                assertClose(
                  [actual[i]!],
                  [expected[i]!],
                  0,
                  tolerance,
                  `${op} ${shape} ${axes} ${layout}`,
                );
              }
            }
        });
  });

  describe(`${backend.name}: index kernels match js`, () => {
    for (const dtype of [...FLOAT_DTYPES, "int32"] as const)
      test(`take, takeAdd, gather, scatterAdd ${dtype}`, () => {
        const random = seeded(dtype.length);
        for (const [outer, axisSize, inner, count] of [
          [1, 1, 1, 0],
          [1, 7, 1, 17],
          [3, 17, 7, 5],
          [2, 1023, 17, 64],
          [1, 50, 300, 200],
        ] as const) {
          const x = randomView(random, dtype, [outer * axisSize * inner], "contiguous", -9, 9).data;
          const index = Int32Array.from({ length: count }, () => Math.floor(random() * axisSize));
          const src = randomView(random, dtype, [outer * count * inner], "contiguous", -9, 9).data;
          const label = `${dtype} ${outer}×${axisSize}×${inner} (${count})`;
          for (const kernel of ["take", "takeAdd"] as const) {
            const forward = kernel === "take";
            const length = forward ? outer * count * inner : outer * axisSize * inner;
            const expected = newArray(dtype, length).fill(1);
            const actual = forward ? garbageArray(dtype, length) : newArray(dtype, length).fill(1);
            reference[kernel](forward ? x : src, index, outer, axisSize, inner, expected);
            backend[kernel](forward ? x : src, index, outer, axisSize, inner, actual);
            assertClose(
              actual,
              expected,
              dtype === "float32" ? 1e-6 : 1e-13,
              0,
              `${kernel} ${label}`,
            );
          }
          const full = Int32Array.from(src, () => Math.floor(random() * axisSize));
          const gathered = [newArray(dtype, src.length), garbageArray(dtype, src.length)] as const;
          reference.gather(x, full, outer, axisSize, inner, gathered[0]);
          backend.gather(x, full, outer, axisSize, inner, gathered[1]);
          assertClose(gathered[1], gathered[0], 0, 0, `gather ${label}`);
          const scattered = [newArray(dtype, x.length), newArray(dtype, x.length)] as const;
          reference.scatterAdd(src, full, outer, axisSize, inner, scattered[0]);
          backend.scatterAdd(src, full, outer, axisSize, inner, scattered[1]);
          assertClose(scattered[1], scattered[0], 1e-6, 0, `scatterAdd ${label}`);
        }
      });
  });
}
