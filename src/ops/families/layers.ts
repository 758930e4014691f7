// The layer primitives: linear (x·Wᵀ + b in one op), with gradient cases over input ranks 1–3,
// with and without bias, transposed (strided) operands.
import { between, shapeOf, values } from "../cases/random-inputs.js";
import { linear } from "../linear.js";
import type { OpFamily } from "../op-row.js";

export const layerOps = {
  linear: {
    fn: linear,
    rule: "y = x·Wᵀ + b: ∂x = g·W, ∂W = gᵀ·x, ∂b = Σ_rows g",
    cases: [
      (g) => {
        const [inFeatures, outFeatures] = [between(g, 1, 4), between(g, 1, 4)];
        const x = values(g, [...shapeOf(g, 0, 2), inFeatures]);
        const [weight, bias] = [values(g, [outFeatures, inFeatures]), values(g, [outFeatures])];
        return { inputs: [x, weight, bias], f: (a, w, b) => linear(a!, w!, b!) };
      },
      (g) => {
        const [inFeatures, outFeatures] = [between(g, 1, 4), between(g, 1, 4)];
        const x = values(g, [...shapeOf(g, 0, 2), inFeatures]);
        return { inputs: [x, values(g, [outFeatures, inFeatures])], f: (a, w) => linear(a!, w!) };
      },
    ],
    torch: "torch.nn.functional.linear(a, b, c)",
  },
} satisfies OpFamily;
