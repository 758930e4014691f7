// The fused per-sample loss primitives (nn's binaryCrossEntropyWithLogits and crossEntropy with labels).
import type { Generator } from "../../tensor/random.js";
import { between, indices, pick, shapeOf, values } from "../cases/random-inputs.js";
import { sigmoidCrossEntropy } from "../sigmoid-cross-entropy.js";
import { softmaxCrossEntropy } from "../softmax-cross-entropy.js";
import type { OpFamily } from "../op-row.js";

const reductions = ["mean", "sum", "none"] as const;

export const lossOps = {
  // logits and targets both differentiated (∂/∂y = −z), logits up to ±6
  sigmoidCrossEntropy: {
    fn: sigmoidCrossEntropy,
    rule: "∂ℓ/∂z = σ(z) − y, ∂ℓ/∂y = −z",
    cases: [
      (g: Generator) => {
        const shape = shapeOf(g, 1);
        const [z, y] = [
          values(g, shape, { low: -6, high: 6 }),
          values(g, shape, { low: 0, high: 1 }),
        ];
        const reduction = pick(g, reductions);
        return { inputs: [z, y], f: (a, b) => sigmoidCrossEntropy(a, b, reduction) };
      },
    ],
  },
  // logits [1–4, 2–4] against fixed int32 labels
  softmaxCrossEntropy: {
    fn: softmaxCrossEntropy,
    rule: "∂ℓ/∂z = softmax(z) − onehot(label)",
    cases: [
      (g: Generator) => {
        const z = values(g, [between(g, 1, 4), between(g, 2, 4)], { low: -4, high: 4 });
        const [labels, reduction] = [indices(g, [z.shape[0]!], z.shape[1]!), pick(g, reductions)];
        return { inputs: [z], f: (x) => softmaxCrossEntropy(x, labels, reduction) };
      },
    ],
  },
} satisfies OpFamily;
