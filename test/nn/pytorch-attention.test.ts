// gradus against PyTorch's values (fixtures/pytorch-attention.json, written by scripts/attention-fixture.py)
// in float64 to 1e-10 on every backend: scaled_dot_product_attention outputs and gradients,
// MultiheadAttention outputs and weights, TransformerEncoderLayer / TransformerEncoder in eval mode.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Tensor } from "../../src/node.js";
import { nn, scaledDotProductAttention, tensor } from "../../src/node.js";
import { onEveryBackend } from "../support/every-backend.js";

interface Encoded {
  readonly shape: number[];
  /** Numbers, and "inf" / "-inf" for infinities (JSON has none). */
  readonly data: (number | string)[];
}
type Case = Record<string, unknown>;
interface Fixture {
  readonly sdpa: Case[];
  readonly multiheadAttention: Case[];
  readonly encoderLayer: Case[];
  readonly encoder: Case;
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/pytorch-attention.json", import.meta.url), "utf8"),
) as Fixture;
const TOLERANCE = 1e-10;

const decode = (encoded: unknown, dtype: "float64" | "int32" = "float64"): Tensor => {
  const { shape, data } = encoded as Encoded;
  return tensor(
    data.map((x) => (typeof x === "number" ? x : x === "inf" ? Infinity : -Infinity)),
    {
      dtype,
    },
  ).reshape(shape);
};
const optional = (encoded: unknown, dtype: "float64" | "int32" = "float64"): Tensor | null =>
  encoded === null ? null : decode(encoded, dtype);

function assertClose(actual: Tensor, expected: unknown, label: string): void {
  const want = decode(expected);
  assert.deepEqual(actual.shape, want.shape, `${label}: shape`);
  const [got, data] = [Array.from(actual.dataSync()), Array.from(want.dataSync())];
  got.forEach((value, i) =>
    assert.ok(
      Math.abs(value - data[i]!) <= TOLERANCE * Math.max(1, Math.abs(data[i]!)),
      `${label}: element ${i} is ${value}, PyTorch ${data[i]}`,
    ),
  );
}

const loadState = (module: nn.Module<never[], unknown>, state: unknown): void =>
  module.loadStateDict(
    Object.fromEntries(
      Object.entries(state as Record<string, Encoded>).map(([k, v]) => [k, decode(v)]),
    ),
  );

onEveryBackend(
  "scaledDotProductAttention matches PyTorch: values and gradients, masks, causal, scale, broadcast",
  () => {
    for (const c of fixture.sdpa) {
      const [q, k, v] = [c.q, c.k, c.v].map((x) => decode(x).requiresGrad_()) as [
        Tensor,
        Tensor,
        Tensor,
      ];
      const mask = optional(c.mask, c.maskKind === "int" ? "int32" : "float64");
      if (c.maskKind === "float") mask!.requiresGrad_();
      const out = scaledDotProductAttention(q, k, v, {
        attnMask: mask,
        isCausal: c.isCausal as boolean,
        scale: c.scale as number | null,
      });
      assertClose(out, c.out, `${String(c.name)} out`);
      out.mul(decode(c.w)).sum().backward();
      const grads = c.grads as Record<string, unknown>;
      assertClose(q.grad!, grads.q, `${String(c.name)} ∂q`);
      assertClose(k.grad!, grads.k, `${String(c.name)} ∂k`);
      assertClose(v.grad!, grads.v, `${String(c.name)} ∂v`);
      if (grads.mask !== undefined) assertClose(mask!.grad!, grads.mask, `${String(c.name)} ∂mask`);
    }
  },
  ["float64"],
);

onEveryBackend(
  "MultiheadAttention matches PyTorch with its weights: outputs and attention weights",
  () => {
    for (const c of fixture.multiheadAttention) {
      const mha = new nn.MultiheadAttention(c.embedDim as number, c.numHeads as number, {
        batchFirst: c.batchFirst as boolean,
        bias: c.bias as boolean,
        dtype: "float64",
      }).eval();
      loadState(mha, c.state);
      const [query, key, value] = [c.query, c.key, c.value].map((x) => decode(x)) as [
        Tensor,
        Tensor,
        Tensor,
      ];
      const options = {
        keyPaddingMask: optional(c.keyPaddingMask, "int32"),
        attnMask: optional(c.attnMask, c.attnMaskKind === "int" ? "int32" : "float64"),
        averageAttnWeights: c.averageAttnWeights as boolean,
      };
      const [output, weights] = mha.forward(query, key, value, options);
      assertClose(output, c.output, `${String(c.name)} output`);
      assertClose(weights!, c.weights, `${String(c.name)} weights`);
      const [fused, none] = mha.forward(query, key, value, { ...options, needWeights: false });
      assertClose(fused, c.output, `${String(c.name)} output without weights`);
      assert.equal(none, null);
    }
  },
  ["float64"],
);

onEveryBackend(
  "TransformerEncoderLayer (post- and pre-norm) and TransformerEncoder match PyTorch in eval mode",
  () => {
    for (const c of fixture.encoderLayer) {
      const layer = new nn.TransformerEncoderLayer(c.dModel as number, c.nhead as number, {
        dimFeedforward: c.dimFeedforward as number,
        activation: c.activation as "relu" | "gelu",
        normFirst: c.normFirst as boolean,
        batchFirst: c.batchFirst as boolean,
        dtype: "float64",
      }).eval();
      loadState(layer, c.state);
      const output = layer.forward(decode(c.src), {
        srcMask: optional(c.srcMask),
        srcKeyPaddingMask: optional(c.srcKeyPaddingMask, "int32"),
        isCausal: c.isCausal as boolean,
      });
      assertClose(output, c.output, String(c.name));
    }
    const layer = new nn.TransformerEncoderLayer(8, 2, {
      dimFeedforward: 12,
      dropout: 0,
      batchFirst: true,
      normFirst: true,
      dtype: "float64",
    });
    const norm = new nn.LayerNorm(8, { dtype: "float64" });
    const encoder = new nn.TransformerEncoder(layer, 2, { norm }).eval();
    loadState(encoder, fixture.encoder.state);
    assertClose(encoder.forward(decode(fixture.encoder.src)), fixture.encoder.output, "encoder");
  },
  ["float64"],
);
