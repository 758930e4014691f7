// Native sums are bit-identical for any thread count: a long line is split into fixed-size chunks,
// not into parts per thread. Skipped when the addon is not available.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import {
  availableBackends,
  getBackend,
  setBackend,
  setNumThreads,
  Tensor,
  type BackendName,
} from "../../src/node.js";

/** 2^20 values over many magnitudes, so that a different grouping of the additions shows in the last bits. */
function longLine(F: Float32ArrayConstructor | Float64ArrayConstructor): Tensor {
  const values = new F(1 << 20);
  for (let i = 0; i < values.length; i++) values[i] = Math.sin(i * 0.7) * 10 ** ((i * 7919) % 9);
  return new Tensor(values, [values.length]);
}

const bits = (value: number): string =>
  Array.from(new Uint8Array(Float64Array.of(value).buffer), (byte) => byte.toString(16)).join("");

test(
  "native sums of a 2^20 tensor are bitwise equal with 1, 2, 3 and 4 threads",
  { skip: !availableBackends().includes("native") && "native addon not available" },
  () => {
    const previous = getBackend() as BackendName;
    setBackend("native");
    try {
      for (const F of [Float64Array, Float32Array]) {
        const x = longLine(F);
        const sums = [1, 2, 3, 4].map((threads) => {
          setNumThreads(threads);
          return bits(x.sum().item());
        });
        assert.deepEqual(sums, Array(4).fill(sums[0]), `${F.name}: ${sums.join(" ")}`);
        // and close to a plain loop's sum (so the chunks cover every element once)
        const loop = Array.from(x.data).reduce((a, b) => a + b, 0);
        const scale = Array.from(x.data).reduce((a, b) => a + Math.abs(b), 0);
        const rounding = F === Float32Array ? 2 ** -23 * Math.abs(loop) : 0;
        assert.ok(Math.abs(x.sum().item() - loop) <= 1e-12 * scale + rounding, F.name);
      }
    } finally {
      setNumThreads(availableParallelism());
      setBackend(previous);
    }
  },
);
