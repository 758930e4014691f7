// The attention family: scaledDotProductAttention (one fused primitive) with its gradient cases:
// broadcast batch axes, causal, int32 and float masks (the float one differentiated), scale, dropout.
import { Generator } from "../../tensor/random.js";
import { broadcastShapes } from "../../tensor/shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { between, broadcastableTo, pick, shapeOf, values } from "../cases/random-inputs.js";
import type { CaseBuilder } from "../op-row.js";
import type { OpFamily } from "../op-row.js";
import {
  scaledDotProductAttention,
  type ScaledDotProductAttentionOptions,
} from "../scaled-dot-product-attention.js";

/** Random q [..., L, E], k [..., S, E], v [..., S, Ev] whose batch axes broadcast (0–2 axes). */
function operands(g: Generator): { inputs: Tensor[]; batch: number[]; L: number; S: number } {
  const batch = shapeOf(g, 0, 2, 2);
  const [L, S, E, Ev] = [between(g, 1, 3), between(g, 1, 4), between(g, 1, 3), between(g, 1, 3)];
  const inputs = [
    values(g, [...broadcastableTo(g, batch), L, E]),
    values(g, [...broadcastableTo(g, batch), S, E]),
    values(g, [...broadcastableTo(g, batch), S, Ev]),
  ];
  // the batch the three actually broadcast to (each may have dropped leading axes)
  const batchOf = (x: Tensor): readonly number[] => x.shape.slice(0, -2);
  const actual = inputs.map(batchOf).reduce((a, b) => broadcastShapes("operands", a, b));
  return { inputs, batch: [...actual], L, S };
}

/** A case of q, k, v with fixed options. */
const withOptions =
  (
    options: (
      g: Generator,
      batch: number[],
      L: number,
      S: number,
    ) => ScaledDotProductAttentionOptions,
  ): CaseBuilder =>
  (g) => {
    const { inputs, batch, L, S } = operands(g);
    const fixed = options(g, batch, L, S);
    return { inputs, f: (q, k, v) => scaledDotProductAttention(q!, k!, v!, fixed) };
  };

const cases: [CaseBuilder, ...CaseBuilder[]] = [
  withOptions(() => ({})),
  withOptions(() => ({ isCausal: true })),
  withOptions((g) => ({ scale: pick(g, [0.3, 1.7, -0.8]) })),
  // int32 mask broadcast over some axes; rows with no pair taking part give 0
  withOptions((g, batch, L, S) => ({
    attnMask: values(g, broadcastableTo(g, [...batch, L, S])).gt(-1),
  })),
  // a float mask, differentiated too (ALiBi-style learned biases)
  (g) => {
    const { inputs, batch, L, S } = operands(g);
    const mask = values(g, broadcastableTo(g, [...batch, L, S]));
    return {
      inputs: [...inputs, mask],
      f: (q, k, v, m) => scaledDotProductAttention(q!, k!, v!, { attnMask: m! }),
    };
  },
  // dropout: the same seed on every evaluation, so the mask is a constant of f
  (g) => {
    const { inputs } = operands(g);
    const [seed, dropoutP] = [g.integer(1000), pick(g, [0.2, 0.5])];
    return {
      inputs,
      f: (q, k, v) =>
        scaledDotProductAttention(q!, k!, v!, { dropoutP, generator: new Generator(seed) }),
    };
  },
];

export const attentionOps = {
  scaledDotProductAttention: {
    fn: scaledDotProductAttention,
    rule: "x = scale·q·kᵀ + m, P = softmax(x): ∂x = P∘(∂P − Σⱼ P∘∂P), ∂q = scale·∂x·k, ∂k = scale·∂xᵀ·q, ∂v = Pᵀ·∂O",
    cases,
  },
} satisfies OpFamily;
