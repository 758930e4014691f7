// Gradient cases of nn's composites (losses, layers, small models built from primitives): checked by
// gradus gradcheck and the tests like the ops' own rows.
import type { CaseBuilder } from "../ops/op-row.js";
import { between, indices, pick, shapeOf, values } from "../ops/cases/random-inputs.js";
import type { Generator } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import * as nn from "./index.js";
import { attentionChecks } from "./attention-checks.js";
import { internalChecks } from "./internal-checks.js";
import { recurrentChecks } from "./recurrent-checks.js";

const reductions = ["mean", "sum", "none"] as const;
/** Logits of shape [samples, classes] (1–4 samples, 2–4 classes). */
const logits = (g: Generator): Tensor =>
  values(g, [between(g, 1, 4), between(g, 2, 4)], { low: -4, high: 4 });

/** f(x, ...parameters): the module's forward with its parameters swapped for the given tensors. */
function functional(module: nn.Module): (x: Tensor, ...parameters: Tensor[]) => Tensor {
  const names = module.namedParameters().map(([name]) => name);
  return (x, ...parameters) =>
    nn.functionalCall(
      module,
      Object.fromEntries(names.map((name, i) => [name, parameters[i]!])),
      x,
    );
}

/** A module built by `make` from (in, out) sizes, checked in its input and every parameter. */
const layer =
  (make: (inFeatures: number, outFeatures: number, g: Generator) => nn.Module): CaseBuilder =>
  (g) => {
    const [inFeatures, outFeatures] = [between(g, 1, 3), between(g, 1, 3)];
    const module = make(inFeatures, outFeatures, g);
    const x = values(g, [...shapeOf(g, 0, 2), inFeatures]);
    return { inputs: [x, ...module.parameters()], f: functional(module) };
  };

/**
 * A normalisation module built by `make` from a channel count, on an input of `shape(channels)`,
 * checked in its input and parameters; in eval mode (probability 0.3) after two training steps.
 */
const normalization =
  (
    make: (channels: number, g: Generator) => nn.Module,
    shape: (c: number, g: Generator) => number[],
  ): CaseBuilder =>
  (g) => {
    const channels = between(g, 1, 3);
    const module = make(channels, g);
    const x = values(g, shape(channels, g));
    if (g.uniform() < 0.3) {
      for (let step = 0; step < 2; step++) module.forward(values(g, x.shape, { low: -3, high: 3 }));
      module.eval();
    }
    return { inputs: [x, ...module.parameters()], f: functional(module) };
  };
const float64 = { dtype: "float64" } as const;

/** nn composites by name: each entry is checked first and second order like an op. */
export const nnChecks: Readonly<Record<string, readonly CaseBuilder[]>> = {
  crossEntropy: [
    (g) => {
      const z = logits(g);
      const [labels, reduction] = [indices(g, [z.shape[0]!], z.shape[1]!), pick(g, reductions)];
      return { inputs: [z], f: (x) => nn.crossEntropy(x, labels, { reduction }) };
    },
    // probability targets, differentiated too
    (g) => {
      const z = logits(g);
      const targets = values(g, z.shape).softmax(-1);
      const reduction = pick(g, reductions);
      return { inputs: [z, targets], f: (x, p) => nn.crossEntropy(x, p, { reduction }) };
    },
  ],
  nllLoss: [
    (g) => {
      const z = logits(g).logSoftmax(-1);
      const [labels, reduction] = [indices(g, [z.shape[0]!], z.shape[1]!), pick(g, reductions)];
      return { inputs: [z], f: (x) => nn.nllLoss(x, labels, { reduction }) };
    },
  ],
  // logits up to ±6 and targets in [0, 1], both differentiated
  binaryCrossEntropyWithLogits: [
    (g) => {
      const shape = shapeOf(g, 1);
      const z = values(g, shape, { low: -6, high: 6 });
      const [y, reduction] = [values(g, shape, { low: 0, high: 1 }), pick(g, reductions)];
      return {
        inputs: [z, y],
        f: (a, b) => nn.binaryCrossEntropyWithLogits(a, b, { reduction }),
      };
    },
  ],
  mseLoss: [
    (g) => {
      const shape = shapeOf(g);
      const reduction = pick(g, reductions);
      return {
        inputs: [values(g, shape), values(g, shape)],
        f: (a, b) => nn.mseLoss(a, b, { reduction }),
      };
    },
  ],
  Linear: [
    layer(
      (i, o, g) => new nn.Linear(i, o, { dtype: "float64", generator: g, bias: g.uniform() < 0.7 }),
    ),
  ],
  MLP: [
    layer((i, o, g) => {
      const sizes = [i, between(g, 1, 4), ...(g.uniform() < 0.5 ? [between(g, 1, 3)] : []), o];
      const activation = pick(g, ["tanh", "sigmoid"] as const);
      return new nn.MLP(sizes, { activation, dtype: "float64", generator: g });
    }),
  ],
  BatchNorm1d: [
    normalization(
      (c, g) => new nn.BatchNorm1d(c, { ...float64, momentum: pick(g, [0.1, null]) }),
      (c, g) => [between(g, 2, 4), c, ...(g.uniform() < 0.5 ? [between(g, 1, 3)] : [])],
    ),
  ],
  BatchNorm2d: [
    normalization(
      (c, g) => new nn.BatchNorm2d(c, { ...float64, affine: g.uniform() < 0.8 }),
      (c, g) => [between(g, 1, 2), c, 2, between(g, 1, 2)],
    ),
  ],
  LayerNorm: [
    normalization(
      (c) => new nn.LayerNorm([c, 2], float64),
      (c, g) => [between(g, 1, 3), c, 2],
    ),
  ],
  GroupNorm: [
    normalization(
      (c, g) => new nn.GroupNorm(pick(g, [1, c]), c, float64),
      (c, g) => [between(g, 1, 2), c, 2],
    ),
  ],
  layerNormFromPrimitives: [
    (g) => ({
      inputs: [values(g, [between(g, 1, 3), between(g, 2, 4)], { low: -3, high: 3 })],
      f: (x) => x.sub(x.mean(-1, true)).div(x.var(-1, true, 0).add(1e-5).sqrt()),
    }),
  ],
  ...attentionChecks,
  ...recurrentChecks,
  ...internalChecks,
};
