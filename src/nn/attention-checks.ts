// Gradient cases of nn's attention composites: MultiheadAttention and TransformerEncoderLayer in every
// input and parameter, and attention from primitives (the fused op's reference).
import { concat } from "../ops/index.js";
import type { CaseBuilder } from "../ops/op-row.js";
import { between, indices, pick, values } from "../ops/cases/random-inputs.js";
import { tensor } from "../tensor/creation.js";
import * as nn from "./index.js";

const float64 = { dtype: "float64" } as const;

/** Attention composites by name (merged into nnChecks). */
export const attentionChecks: Readonly<Record<string, readonly CaseBuilder[]>> = {
  // q, k, v and every parameter; masks, causal, both layouts, with and without explicit weights
  MultiheadAttention: [
    (g) => {
      const [embedDim, numHeads] = pick(g, [
        [2, 1],
        [2, 2],
        [4, 2],
      ] as const);
      const [N, L, S] = [between(g, 1, 2), between(g, 1, 2), between(g, 1, 3)];
      const batchFirst = g.uniform() < 0.5;
      const mha = new nn.MultiheadAttention(embedDim, numHeads, {
        ...float64,
        batchFirst,
        generator: g,
        bias: g.uniform() < 0.8,
      });
      const shape = (T: number) => (batchFirst ? [N, T, embedDim] : [T, N, embedDim]);
      // padding keeps key 0, so no row is left without a key
      const padding = indices(g, [N, S], 2).mul(
        tensor(
          Array.from({ length: S }, (_, j) => (j === 0 ? 0 : 1)),
          { dtype: "int32" },
        ),
      );
      const options = {
        keyPaddingMask: g.uniform() < 0.5 ? padding : null,
        isCausal: g.uniform() < 0.3,
        needWeights: g.uniform() < 0.5,
      };
      const names = mha.namedParameters().map(([name]) => name);
      return {
        inputs: [
          values(g, shape(L)),
          values(g, shape(S)),
          values(g, shape(S)),
          ...mha.parameters(),
        ],
        f: (q, k, v, ...parameters) => {
          const swapped = Object.fromEntries(names.map((name, i) => [name, parameters[i]!]));
          const [output, weights] = nn.functionalCall(mha, swapped, q!, k!, v!, options);
          return weights === null
            ? output
            : concat([output.reshape([-1]), weights.reshape([-1])], 0);
        },
      };
    },
  ],
  // self-attention without weights (one packed in-projection): x and every parameter, causal or not
  MultiheadSelfAttention: [
    (g) => {
      const [embedDim, numHeads] = pick(g, [
        [2, 1],
        [4, 2],
      ] as const);
      const mha = new nn.MultiheadAttention(embedDim, numHeads, {
        ...float64,
        batchFirst: true,
        generator: g,
        bias: g.uniform() < 0.8,
      });
      const options = { isCausal: g.uniform() < 0.5, needWeights: false };
      const names = mha.namedParameters().map(([name]) => name);
      return {
        inputs: [values(g, [between(g, 1, 2), between(g, 1, 3), embedDim]), ...mha.parameters()],
        f: (x, ...parameters) => {
          const swapped = Object.fromEntries(names.map((name, i) => [name, parameters[i]!]));
          return nn.functionalCall(mha, swapped, x!, x!, x!, options)[0];
        },
      };
    },
  ],
  // input and every parameter of a small layer: post- or pre-norm, relu or gelu, masks, causal
  TransformerEncoderLayer: [
    (g) => {
      // NOTE: dModel ≥ 3: over 2 features LayerNorm's output is ±1 and its derivatives are ill-conditioned
      const [dModel, nhead] = pick(g, [
        [3, 1],
        [3, 3],
      ] as const);
      const [N, L] = [between(g, 1, 2), between(g, 1, 3)];
      const layer = new nn.TransformerEncoderLayer(dModel, nhead, {
        ...float64,
        dimFeedforward: between(g, 1, 2),
        dropout: 0,
        activation: pick(g, ["relu", "gelu"] as const),
        normFirst: g.uniform() < 0.5,
        batchFirst: true,
        generator: g,
      });
      const isCausal = g.uniform() < 0.5;
      const names = layer.namedParameters().map(([name]) => name);
      return {
        // NOTE: h = 1e-5: derivatives that are exactly 0 (the key bias moves every score of a row
        // alike) meet differences of outputs of size ≈ 10 whose rounding at h = 1e-6 reaches 1e-8
        options: { h: 1e-5 },
        inputs: [values(g, [N, L, dModel]), ...layer.parameters()],
        f: (x, ...parameters) =>
          nn.functionalCall(
            layer,
            Object.fromEntries(names.map((name, i) => [name, parameters[i]!])),
            x!,
            { isCausal },
          ),
      };
    },
  ],
  attentionFromPrimitives: [
    (g) => {
      const [n, d] = [between(g, 1, 3), between(g, 1, 3)];
      const [q, k, v] = [values(g, [n, d]), values(g, [n, d]), values(g, [n, d])];
      const scale = 1 / Math.sqrt(d);
      return {
        inputs: [q, k, v],
        f: (qq, kk, vv) => qq.matmul(kk.transpose()).mul(scale).softmax(-1).matmul(vv),
      };
    },
  ],
};
