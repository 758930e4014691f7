// The native normalisation kernels give bitwise the same results with 1, 2, 3 and 4 threads: rows and
// channels go to threads whole and weight gradients are summed in fixed chunks. Skipped without the addon.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import type { Backend, FloatArray } from "../../src/backend/backend.js";
import { availableBackends, backendByName } from "../../src/backend/registry.js";
import { setNumThreads } from "../../src/backend/threads.js";
import { newArray, seeded } from "./support.js";

/** Every output of the four kernels, as bytes, for one float type. */
function outputs(backend: Backend, dtype: "float32" | "float64"): string[] {
  const random = seeded(9);
  const filled = (length: number, shift = 0): FloatArray => {
    const array = newArray(dtype, length) as FloatArray;
    for (let i = 0; i < length; i++) array[i] = 3 * random() - 1.5 + shift + (i % 7) * 1e3;
    return array;
  };
  const results: FloatArray[] = [];
  const rows = { rows: 1037, length: 96, span: 8, channels: 48, eps: 1e-5 };
  const size = rows.rows * rows.length;
  const [x, g, w, b] = [filled(size, 5), filled(size), filled(48), filled(48)];
  const [out, mean, rstd] = [
    newArray(dtype, size) as FloatArray,
    new Float64Array(1037),
    new Float64Array(1037),
  ];
  backend.rowNormForward(x, { weight: w, bias: b }, rows, out, mean, rstd);
  const grads = [size, 48, 48].map((n) => newArray(dtype, n) as FloatArray);
  backend.rowNormBackward(g, x, mean, rstd, w, rows, {
    dx: grads[0]!,
    dWeight: grads[1]!,
    dBias: grads[2]!,
  });
  results.push(out, mean, rstd, ...grads);
  for (const [batch, channels, spatial] of [
    [33, 12, 301],
    [2000, 70, 1],
  ] as const) {
    const shape = { batch, channels, spatial, eps: 1e-5, training: true };
    const n = batch * channels * spatial;
    const [cx, cg, cw, cb] = [filled(n, -2), filled(n), filled(channels), filled(channels)];
    const [cout, cm, cv] = [
      newArray(dtype, n) as FloatArray,
      new Float64Array(channels),
      new Float64Array(channels),
    ];
    backend.channelNormForward(cx, { weight: cw, bias: cb }, shape, cout, cm, cv);
    const cr = cv.map((v) => 1 / Math.sqrt(v + 1e-5));
    const cgrads = [n, channels, channels].map((k) => newArray(dtype, k) as FloatArray);
    backend.channelNormBackward(cg, cx, cm, cr, cw, shape, {
      dx: cgrads[0]!,
      dWeight: cgrads[1]!,
      dBias: cgrads[2]!,
    });
    results.push(cout, cm, cv, ...cgrads);
  }
  return results.map((array) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64"),
  );
}

test(
  "native normalisation kernels are bitwise equal with 1, 2, 3 and 4 threads",
  { skip: !availableBackends().includes("native") && "native addon not available" },
  () => {
    const native = backendByName("native")!;
    try {
      for (const dtype of ["float32", "float64"] as const) {
        const runs = [1, 2, 3, 4].map((threads) => {
          setNumThreads(threads);
          return outputs(native, dtype);
        });
        for (const run of runs.slice(1)) assert.deepEqual(run, runs[0], dtype);
      }
    } finally {
      setNumThreads(availableParallelism());
    }
  },
);
