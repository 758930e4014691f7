// packedSelfAttention: first and second order against central differences (causal or not, dropout),
// the same values and gradients as scaledDotProductAttention on the heads split by hand, and on the
// native backend the same values as js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableBackends, getBackend, setBackend, type BackendName } from "../../src/node.js";
import { packedSelfAttention } from "../../src/ops/packed-self-attention.js";
import { scaledDotProductAttention } from "../../src/ops/scaled-dot-product-attention.js";
import { randn } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { internalChecks } from "../../src/nn/internal-checks.js";
import { runCases } from "../support/grad-cases.js";

runCases("packedSelfAttention", internalChecks["packedSelfAttention"]!);

/** The same attention from scaledDotProductAttention on the heads sliced out of packed. */
function byHand(packed: Tensor, heads: number, causal: boolean): Tensor {
  const [N, T, width] = packed.shape as [number, number, number];
  const E = width / 3;
  const split = (i: number) =>
    packed
      .slice(2, i * E, (i + 1) * E)
      .reshape([N, T, heads, E / heads])
      .permute([0, 2, 1, 3]);
  const attended = scaledDotProductAttention(split(0), split(1), split(2), { isCausal: causal });
  return attended.permute([0, 2, 1, 3]).reshape([N, T, E]);
}

const maxDifference = (a: Tensor, b: Tensor): number => {
  const [x, y] = [Array.from(a.dataSync()), Array.from(b.dataSync())];
  assert.equal(x.length, y.length);
  return x.reduce((worst, value, i) => Math.max(worst, Math.abs(value - y[i]!)), 0);
};

for (const backend of availableBackends() as BackendName[])
  test(`${backend}: values and gradients equal scaledDotProductAttention's on the split heads`, () => {
    const previous = getBackend() as BackendName;
    setBackend(backend);
    try {
      for (const [N, T, heads, headDim, causal] of [
        [2, 5, 2, 3, true],
        [1, 40, 4, 8, false],
        [3, 33, 1, 16, true],
      ] as const) {
        const generator = new Generator(N * 100 + T);
        const packed = randn([N, T, 3 * heads * headDim], { generator, requiresGrad: true });
        const weights = randn([N, T, heads * headDim], { generator });
        const fused = packedSelfAttention(packed, { heads, causal, dropout: null });
        fused.mul(weights).sum().backward();
        const fusedGrad = packed.grad!;
        packed.grad = null;
        const expected = byHand(packed, heads, causal);
        expected.mul(weights).sum().backward();
        assert.ok(maxDifference(fused, expected) < 1e-5, `${backend} [${N}, ${T}] values`);
        assert.ok(maxDifference(fusedGrad, packed.grad!) < 1e-5, `${backend} [${N}, ${T}] grads`);
      }
    } finally {
      setBackend(previous);
    }
  });
