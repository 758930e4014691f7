// Native convolutions are bit-identical for any thread count: tasks own fixed blocks of outputs, and
// partial sums over fixed chunks are added in chunk order. Skipped without the addon.
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { test } from "node:test";
import {
  availableBackends,
  conv2d,
  Generator,
  getBackend,
  randn,
  setBackend,
  setNumThreads,
  type BackendName,
} from "../../src/node.js";

/** Every bit of forward and gradients of a batch of convolutions (Winograd, direct, GEMM, small-row paths). */
function run(): string {
  const generator = new Generator(11);
  let hash = 0;
  let length = 0;
  const shapes = [
    { x: [24, 32, 10, 10], w: [32, 32, 3, 3], options: { padding: 1 } },
    { x: [16, 1, 20, 20], w: [16, 1, 3, 3], options: { padding: 1 } },
    { x: [8, 12, 15, 13], w: [20, 6, 3, 2], options: { stride: 2, padding: 1, groups: 2 } },
    { x: [12, 8, 11, 11], w: [8, 8, 5, 5], options: { padding: 2, dilation: 1 } },
  ];
  for (const dtype of ["float32", "float64"] as const)
    for (const { x: xs, w: ws, options } of shapes) {
      const x = randn(xs, { dtype, generator }).requiresGrad_();
      const w = randn(ws, { dtype, generator }).requiresGrad_();
      const b = randn([ws[0]!], { dtype, generator }).requiresGrad_();
      const y = conv2d(x, w, { ...options, bias: b });
      y.backward(randn(y.shape, { dtype, generator }));
      for (const t of [y, x.grad!, w.grad!, b.grad!])
        for (const byte of new Uint8Array(t.dataSync().buffer)) {
          hash = (Math.imul(hash, 31) + byte) | 0;
          length++;
        }
    }
  return `${length}:${hash}`;
}

test(
  "native conv2d forward and gradients are bitwise equal with 1, 2 and 3 threads",
  { skip: !availableBackends().includes("native") && "native addon not available" },
  () => {
    const previous = getBackend() as BackendName;
    setBackend("native");
    try {
      const results = [1, 2, 3].map((threads) => {
        setNumThreads(threads);
        return run();
      });
      assert.deepEqual(results, [results[0], results[0], results[0]]);
    } finally {
      setNumThreads(availableParallelism());
      setBackend(previous);
    }
  },
);
