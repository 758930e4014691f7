// Gradient cases of the fused loss primitives, reached through nn's losses (every reduction).
import { nn, type Generator, type Tensor } from "../../node.js";
import { between, indices, pick, shapeOf, values, type CaseBuilder } from "./random-inputs.js";

const reductions = ["mean", "sum", "none"] as const;

export const LOSS_CASES: Readonly<Record<string, readonly CaseBuilder[]>> = {
  // logits and targets both differentiated (∂/∂y = −z), logits up to ±6
  sigmoidCrossEntropy: [
    (g: Generator) => {
      const shape = shapeOf(g, 1);
      const [z, y] = [
        values(g, shape, { low: -6, high: 6 }),
        values(g, shape, { low: 0, high: 1 }),
      ];
      const reduction = pick(g, reductions);
      return { inputs: [z, y], f: (a, b) => nn.binaryCrossEntropyWithLogits(a, b, { reduction }) };
    },
  ],
  // logits [1–4, 2–4] against fixed int32 labels
  softmaxCrossEntropy: [
    (g: Generator) => {
      const z: Tensor = values(g, [between(g, 1, 4), between(g, 2, 4)], { low: -4, high: 4 });
      const [labels, reduction] = [indices(g, [z.shape[0]!], z.shape[1]!), pick(g, reductions)];
      return { inputs: [z], f: (x) => nn.crossEntropy(x, labels, { reduction }) };
    },
  ],
};
