// Conformance: the fused loss kernels of every backend against js, on edge sizes and extreme logits
// (±1000, ±1e30, ±0, NaN). Both compute in float64: rtol 1e-14 (libm vs V8 may differ by an ulp).
import { test } from "node:test";
import type { FloatArray } from "../../src/backend/backend.js";
import {
  assertClose,
  BACKENDS,
  EDGE_SIZES,
  FLOAT_DTYPES,
  garbageArray,
  newArray,
  reference,
  seeded,
} from "./support.js";

const EXTREMES = [1000, -1000, 1e30, -1e30, 0, -0, 40, -40, Number.NaN];

for (const backend of BACKENDS)
  test(`sigmoidCrossEntropy matches js (${backend.name})`, () => {
    const random = seeded(11);
    for (const dtype of FLOAT_DTYPES)
      for (const size of [...EDGE_SIZES, 64, 300]) {
        const z = newArray(dtype, size) as FloatArray;
        const y = newArray(dtype, size) as FloatArray;
        for (let i = 0; i < size; i++) {
          z[i] = i < EXTREMES.length && size > 60 ? EXTREMES[i]! : 16 * random() - 8;
          y[i] = random() < 0.2 ? random() : Math.round(random());
        }
        const label = `${dtype} [${size}]`;
        const expected = [new Float64Array(size), new Float64Array(size)] as const;
        reference.sigmoidCrossEntropy(z, y, expected[0], expected[1]);
        const losses = garbageArray("float64", size) as Float64Array;
        const sigma = garbageArray("float64", size) as Float64Array;
        backend.sigmoidCrossEntropy(z, y, losses, sigma);
        assertClose(losses, expected[0], 1e-14, 0, `losses ${label}`);
        assertClose(sigma, expected[1], 1e-14, 0, `σ ${label}`);
        const alone = garbageArray("float64", size) as Float64Array;
        backend.sigmoidCrossEntropy(z, y, alone, null);
        assertClose(alone, expected[0], 1e-14, 0, `losses without σ ${label}`);
      }
  });
