// Conformance: the recurrent step kernels of every backend against js, forward and backward, with
// tails (hidden not a multiple of the vector width), finished rows (lengths), absent optional arrays
// and extreme pre-activations. float64 forward within a few ulps of the terms (the native exp differs
// from V8's by an ulp), float64 backward bit for bit, float32 within float32 rounding; outputs start as
// garbage.
import { test } from "node:test";
import type { FloatArray } from "../../src/backend/backend.js";
import type { DType } from "../../src/backend/dtype.js";
import type { RecurrentKernels } from "../../src/backend/recurrent-kernels.js";
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
  [2, 16],
  [3, 17],
  [2, 33],
  [5, 64],
];
const EXTREMES = [1000, -1000, 40, -40, 0, -0, 1e-9, -1e-9];

type Filled = (length: number, low?: number, high?: number) => FloatArray;

/** Random arrays of one dtype, a few entries replaced by extreme pre-activations when asked. */
function filler(random: () => number, dtype: DType, extremes: boolean): Filled {
  return (length, low = -2, high = 2) => {
    const array = newArray(dtype, length) as FloatArray;
    for (let i = 0; i < length; i++) array[i] = low + (high - low) * random();
    if (extremes) EXTREMES.forEach((value, i) => i * 3 < length && (array[i * 3] = value));
    return array;
  };
}

/** A copy of `array` (so a kernel that adds into it starts from the same values on each backend). */
const copy = (array: FloatArray): FloatArray => array.slice() as FloatArray;

/** Tolerances: forward and backward, per dtype. */
function tolerances(dtype: DType, direction: "forward" | "backward"): [number, number] {
  if (dtype === "float64") return direction === "forward" ? [1e-13, 1e-15] : [0, 0];
  return direction === "forward" ? [2e-6, 1e-6] : [1e-5, 1e-6];
}

/** Each kernel run on `backend` and on js from identical inputs; outputs compared. */
type Check = (
  backend: RecurrentKernels,
  dtype: DType,
  rows: number,
  hidden: number,
  fill: Filled,
  lengths: Int32Array | null,
) => void;

const checks: Record<string, Check> = {
  lstm(backend, dtype, rows, hidden, fill, lengths) {
    const [x, product, h, c] = [
      fill(rows * 4 * hidden + 3),
      fill(rows * 4 * hidden),
      fill(2 * rows * hidden + 1),
      fill(2 * rows * hidden + 2),
    ];
    for (const keep of [true, false]) {
      const run = (kernels: RecurrentKernels) => {
        const out = {
          h: copy(h),
          c: copy(c),
          saved: keep ? (garbageArray(dtype, rows * 5 * hidden + 4) as FloatArray) : null,
        };
        kernels.lstmStep({
          rows,
          hidden,
          lengths,
          step: 1,
          x,
          xAt: 3,
          product,
          h: out.h,
          hAt: 1,
          c: out.c,
          cAt: 2,
          saved: out.saved,
          savedAt: 4,
        });
        return out;
      };
      const [got, want] = [run(backend), run(reference)];
      const [rtol, atol] = tolerances(dtype, "forward");
      assertClose(got.h, want.h, rtol, atol, "lstm h");
      assertClose(got.c, want.c, rtol, atol, "lstm c");
      if (keep) assertClose(got.saved!, want.saved!, rtol, atol, "lstm saved");
    }
  },
  lstmBackward(backend, dtype, rows, hidden, fill, lengths) {
    const [saved, c, dh, dc] = [
      fill(rows * 5 * hidden, 0, 1),
      fill(rows * hidden + 1),
      fill(2 * rows * hidden),
      fill(2 * rows * hidden),
    ];
    for (const recurrent of [fill(rows * hidden), null]) {
      const run = (kernels: RecurrentKernels) => {
        const out = {
          dh: copy(dh),
          dc: copy(dc),
          dGates: garbageArray(dtype, rows * 4 * hidden + 2) as FloatArray,
        };
        kernels.lstmStepBackward({
          rows,
          hidden,
          lengths,
          step: 1,
          saved,
          savedAt: 0,
          c,
          cAt: 1,
          dh: out.dh,
          dhAt: 0,
          recurrent,
          dc: out.dc,
          dcAt: 0,
          dGates: out.dGates,
          dGatesAt: 2,
        });
        return out;
      };
      const [got, want] = [run(backend), run(reference)];
      const [rtol, atol] = tolerances(dtype, "backward");
      for (const key of ["dh", "dc", "dGates"] as const)
        assertClose(got[key], want[key], rtol, atol, `lstm ${key}`);
    }
  },
  gru(backend, dtype, rows, hidden, fill, lengths) {
    const [x, product, h] = [
      fill(rows * 3 * hidden),
      fill(rows * 3 * hidden),
      fill(2 * rows * hidden),
    ];
    for (const bias of [fill(3 * hidden), null]) {
      const run = (kernels: RecurrentKernels) => {
        const out = { h: copy(h), saved: garbageArray(dtype, rows * 4 * hidden) as FloatArray };
        kernels.gruStep({
          rows,
          hidden,
          lengths,
          step: 1,
          x,
          xAt: 0,
          product,
          bias,
          h: out.h,
          hAt: 0,
          saved: out.saved,
          savedAt: 0,
        });
        return out;
      };
      const [got, want] = [run(backend), run(reference)];
      const [rtol, atol] = tolerances(dtype, "forward");
      assertClose(got.h, want.h, rtol, atol, "gru h");
      assertClose(got.saved, want.saved, rtol, atol, "gru saved");
    }
  },
  gruBackward(backend, dtype, rows, hidden, fill, lengths) {
    const [saved, h, dh] = [
      fill(rows * 4 * hidden, 0, 1),
      fill(rows * hidden),
      fill(2 * rows * hidden),
    ];
    for (const recurrent of [fill(rows * hidden), null]) {
      const run = (kernels: RecurrentKernels) => {
        const out = {
          dh: copy(dh),
          dx: garbageArray(dtype, rows * 3 * hidden) as FloatArray,
          dProduct: garbageArray(dtype, rows * 3 * hidden) as FloatArray,
        };
        kernels.gruStepBackward({
          rows,
          hidden,
          lengths,
          step: 1,
          saved,
          savedAt: 0,
          h,
          hAt: 0,
          dh: out.dh,
          dhAt: 0,
          recurrent,
          dx: out.dx,
          dxAt: 0,
          dProduct: out.dProduct,
          dProductAt: 0,
        });
        return out;
      };
      const [got, want] = [run(backend), run(reference)];
      const [rtol, atol] = tolerances(dtype, "backward");
      for (const key of ["dh", "dx", "dProduct"] as const)
        assertClose(got[key], want[key], rtol, atol, `gru ${key}`);
    }
  },
  rnn(backend, dtype, rows, hidden, fill, lengths) {
    const [x, product, h] = [fill(rows * hidden), fill(rows * hidden), fill(2 * rows * hidden)];
    for (const nonlinearity of ["tanh", "relu"] as const) {
      const run = (kernels: RecurrentKernels) => {
        const out = copy(h);
        kernels.rnnStep({
          rows,
          hidden,
          lengths,
          step: 1,
          nonlinearity,
          x,
          xAt: 0,
          product,
          h: out,
          hAt: 0,
        });
        return out;
      };
      const [rtol, atol] = tolerances(dtype, "forward");
      assertClose(run(backend), run(reference), rtol, atol, `rnn ${nonlinearity}`);
    }
  },
  rnnBackward(backend, dtype, rows, hidden, fill, lengths) {
    const [h, dh] = [fill(2 * rows * hidden, -1, 1), fill(2 * rows * hidden)];
    for (const nonlinearity of ["tanh", "relu"] as const)
      for (const recurrent of [fill(rows * hidden), null]) {
        const run = (kernels: RecurrentKernels) => {
          const out = { dh: copy(dh), dPre: garbageArray(dtype, rows * hidden) as FloatArray };
          kernels.rnnStepBackward({
            rows,
            hidden,
            lengths,
            step: 1,
            nonlinearity,
            h,
            hAt: 0,
            dh: out.dh,
            dhAt: 0,
            recurrent,
            dPre: out.dPre,
            dPreAt: 0,
          });
          return out;
        };
        const [got, want] = [run(backend), run(reference)];
        const [rtol, atol] = tolerances(dtype, "backward");
        for (const key of ["dh", "dPre"] as const)
          assertClose(got[key], want[key], rtol, atol, `rnn ${nonlinearity} ${key}`);
      }
  },
};

for (const backend of BACKENDS)
  for (const [name, check] of Object.entries(checks))
    test(`${name} step matches js (${backend.name})`, () => {
      const random = seeded(23);
      for (const dtype of FLOAT_DTYPES)
        for (const [rows, hidden] of SHAPES)
          for (const extremes of [false, true])
            for (const lengths of [null, Int32Array.from({ length: rows }, (_, row) => row % 3)]) {
              const label = `${name} ${dtype} rows ${rows} hidden ${hidden}${lengths ? " lengths" : ""}${extremes ? " extremes" : ""}`;
              try {
                check(backend, dtype, rows, hidden, filler(random, dtype, extremes), lengths);
              } catch (error) {
                throw new Error(`${label}: ${(error as Error).message}`);
              }
            }
    });
