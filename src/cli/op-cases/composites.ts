// Gradient cases of composites: losses, layers, sparse products, a custom op and small models.
import * as gradus from "../../node.js";
import { CsrMatrix, nn, type Generator, type Tensor } from "../../node.js";
import { between, indices, pick, shapeOf, values, type CaseBuilder } from "./random-inputs.js";
import { LOSS_CASES } from "./losses.js";

const reductions = ["mean", "sum", "none"] as const;
/** Logits of shape [samples, classes] (1–4 samples, 2–4 classes). */
const logits = (g: Generator): Tensor =>
  values(g, [between(g, 1, 4), between(g, 2, 4)], { low: -4, high: 4 });

/**
 * f(x, ...parameters): the module's forward with its parameters swapped for the given tensors (so
 * gradcheck differentiates them too), in namedParameters order.
 */
function functional(module: nn.Module): (x: Tensor, ...parameters: Tensor[]) => Tensor {
  const paths = module.namedParameters().map(([name]) => name.split("."));
  return (x, ...parameters) => {
    paths.forEach((path, i) => {
      let owner = module as unknown as Record<string, unknown>;
      for (const key of path.slice(0, -1)) owner = owner[key] as Record<string, unknown>;
      owner[path.at(-1)!] = parameters[i];
    });
    return module.forward(x);
  };
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

/** A [rows, cols] float64 CSR matrix with about half its entries zero. */
function sparse(g: Generator, rows: number, cols: number): CsrMatrix {
  const dense = values(g, [rows, cols]).mul(values(g, [rows, cols], { low: 0, high: 1 }).gt(0.5));
  return CsrMatrix.fromDense(dense.astype("float64"));
}

/** The documented customOp example: x³ with its own backward (written with tensor ops). */
const cube = gradus.customOp({
  name: "cube",
  forward: (x) => x.mul(x).mul(x),
  backward: (g, { inputs: [x] }) => [g.mul(x!.mul(x!).mul(3))],
});
/** A two-input custom op a·sin(b), broadcasting, with the engine reducing its gradients. */
const mulSin = gradus.customOp({
  name: "mulSin",
  forward: (a, b) => a.mul(b.sin()),
  backward: (g, { inputs: [a, b] }) => [g.mul(b!.sin()), g.mul(a!).mul(b!.cos())],
});

export const COMPOSITE_CASES: Readonly<Record<string, readonly CaseBuilder[]>> = {
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
  // the public loss is the fused primitive itself: the same cases
  binaryCrossEntropyWithLogits: LOSS_CASES.sigmoidCrossEntropy!,
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
  sparseMatmul: [
    (g) => {
      const [m, k] = [between(g, 1, 4), between(g, 1, 4)];
      const a = sparse(g, m, k);
      const b = values(g, g.uniform() < 0.5 ? [k] : [k, between(g, 1, 3)]);
      // sigmoid after the product: logistic regression on sparse features, curved for second order
      return { inputs: [b], f: (w) => gradus.sparseMatmul(a, w).sigmoid() };
    },
  ],
  customOp: [
    (g) => ({ inputs: [values(g, shapeOf(g))], f: cube }),
    (g) => {
      const shape = shapeOf(g, 1);
      return {
        inputs: [values(g, shape), values(g, shape.slice(g.integer(shape.length)))],
        f: mulSin,
      };
    },
  ],
  attention: [
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
  layerNorm: [
    (g) => ({
      inputs: [values(g, [between(g, 1, 3), between(g, 2, 4)], { low: -3, high: 3 })],
      f: (x) => x.sub(x.mean(-1, true)).div(x.var(-1, true, 0).add(1e-5).sqrt()),
    }),
  ],
};
