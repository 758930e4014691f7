// Conformance: unary and binary kernels of every backend against js, on edge sizes, strided views and
// broadcasts. Tolerance: float64 rtol 1e-13 (libm vs V8 may differ by an ulp), float32 rtol 1e-6.
import { describe, test } from "node:test";
import type { BinaryKernel, UnaryKernel } from "../../src/backend/backend.js";
import { BINARY_KERNEL_NAMES, UNARY_KERNEL_NAMES } from "../../src/backend/elementwise-kernels.js";
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

// The kernel lists themselves: a new kernel is tested on every backend without editing this file.
const UNARY = UNARY_KERNEL_NAMES;
const BINARY = BINARY_KERNEL_NAMES;
/** Kernels defined only above a bound (log1p above −1); the others see values in [−3, 3]. */
const LOWER_BOUND: Partial<Record<UnaryKernel | BinaryKernel, number>> = {
  log: 0.05,
  sqrt: 0.05,
  pow: 0.05,
  log1p: -0.95,
};
/** The parameter given to the kernels that take one (elu, leakyRelu); ignored by the others. */
const ALPHA = 0.3;
const SHAPES: readonly (readonly number[])[] = [
  ...EDGE_SIZES.map((size) => [size]),
  [],
  [3, 17],
  [17, 1, 7],
  [4, 5, 6, 7],
  [300, 300],
];
const tolerance = (dtype: string): [number, number] =>
  dtype === "float64" ? [1e-13, 1e-300] : [1e-6, 1e-37];

for (const backend of BACKENDS) {
  describe(`${backend.name}: unary kernels match js`, () => {
    for (const dtype of FLOAT_DTYPES)
      for (const op of UNARY)
        test(`${op} ${dtype}`, () => {
          const random = seeded(op.length * 101 + dtype.length);
          for (const shape of SHAPES)
            for (const layout of LAYOUTS) {
              const low = LOWER_BOUND[op] ?? -3;
              const x = randomView(random, dtype, shape, layout, low, 3);
              const size = shape.reduce((total, extent) => total * extent, 1);
              const expected = newArray(dtype, size);
              const actual = garbageArray(dtype, size);
              reference.unary(op, x, expected, ALPHA);
              backend.unary(op, x, actual, ALPHA);
              const [rtol, atol] = tolerance(dtype);
              assertClose(actual, expected, rtol, atol, `${op} [${shape.join(",")}] ${layout}`);
            }
        });
  });

  test(`${backend.name}: copy of strided views (and dtype conversion) matches js exactly`, () => {
    const random = seeded(11);
    for (const dtype of FLOAT_DTYPES)
      for (const target of FLOAT_DTYPES)
        for (const shape of SHAPES)
          for (const layout of LAYOUTS) {
            const x = randomView(random, dtype, shape, layout);
            const size = shape.reduce((total, extent) => total * extent, 1);
            const expected = newArray(target, size);
            const actual = garbageArray(target, size);
            reference.copy(x, expected);
            backend.copy(x, actual);
            assertClose(
              actual,
              expected,
              0,
              0,
              `copy ${dtype}→${target} [${shape.join(",")}] ${layout}`,
            );
          }
  });

  describe(`${backend.name}: binary kernels match js`, () => {
    for (const dtype of FLOAT_DTYPES)
      for (const op of BINARY)
        test(`${op} ${dtype}`, () => {
          const random = seeded(op.length * 7 + dtype.length);
          for (const shape of SHAPES)
            for (const [i, layoutA] of LAYOUTS.entries()) {
              const layoutB = LAYOUTS[(i + 1) % LAYOUTS.length]!;
              const low = LOWER_BOUND[op] ?? -3;
              const a = randomView(random, dtype, shape, layoutA, low, 3);
              const b = randomView(random, dtype, shape, layoutB, op === "pow" ? -2 : 0.5, 3);
              // Some exact ties, so eq/le/ge/maximum see equal operands.
              if (a.data.length > 2 && b.data.length > 2) b.data[2] = a.data[2]!;
              const size = shape.reduce((total, extent) => total * extent, 1);
              const expected = newArray(dtype, size);
              const actual = garbageArray(dtype, size);
              reference.binary(op, a, b, expected);
              backend.binary(op, a, b, actual);
              const [rtol, atol] = tolerance(dtype);
              const label = `${op} [${shape.join(",")}] ${layoutA}/${layoutB}`;
              assertClose(actual, expected, rtol, atol, label);
            }
        });

    test("row and column broadcasts ([m,1] with [1,n], scalars)", () => {
      const random = seeded(5);
      for (const dtype of FLOAT_DTYPES) {
        const column = randomView(random, dtype, [300, 1], "contiguous");
        const row = randomView(random, dtype, [1, 200], "contiguous");
        const scalar = randomView(random, dtype, [], "contiguous");
        const wide = { ...column, shape: [300, 200], strides: [1, 0] };
        const tall = { ...row, shape: [300, 200], strides: [0, 1] };
        const everywhere = { ...scalar, shape: [300, 200], strides: [0, 0] };
        for (const [a, b] of [
          [wide, tall],
          [tall, everywhere],
          [everywhere, wide],
        ] as const)
          for (const op of ["add", "mul", "sub", "div", "maximum"] as const) {
            const expected = newArray(dtype, 60000);
            const actual = garbageArray(dtype, 60000);
            reference.binary(op, a, b, expected);
            backend.binary(op, a, b, actual);
            assertClose(actual, expected, ...tolerance(dtype), `${op} broadcast ${dtype}`);
          }
      }
    });

    test("NaN propagates like the reference (maximum, minimum, sign, isnan)", () => {
      const a = { data: new Float64Array(256).fill(NaN), shape: [256], strides: [1], offset: 0 };
      const b = { data: new Float64Array(256).fill(1), shape: [256], strides: [1], offset: 0 };
      for (const op of ["maximum", "minimum", "pow"] as const) {
        const expected = new Float64Array(256);
        const actual = new Float64Array(256);
        reference.binary(op, b, a, expected);
        backend.binary(op, b, a, actual);
        assertClose(actual, expected, 0, 0, op);
      }
    });
  });
}
