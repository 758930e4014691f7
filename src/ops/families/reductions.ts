// Gradient cases of the reductions (over all, one or several axes), the softmax family and matmul.
import * as ops from "../index.js";
import type { OpFamily } from "../op-row.js";
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";

import {
  axisOf,
  between,
  broadcastableTo,
  distinct,
  shapeOf,
  values,
  type CaseBuilder,
  type Domain,
} from "../cases/random-inputs.js";

type Axes = number | number[] | undefined;

/** All axes (undefined), one axis, or a random set of them. */
function axesOf(g: Generator, rank: number): Axes {
  const roll = g.uniform();
  if (rank === 0 || roll < 0.25) return undefined;
  if (roll < 0.7) return axisOf(g, rank);
  const chosen = Array.from({ length: rank }, (_, axis) => axis).filter(() => g.uniform() < 0.5);
  return chosen.length > 0 ? chosen : undefined;
}

type Reduce = (x: Tensor, axes: Axes, keepDims: boolean) => Tensor;

/** A reduction over random axes of a random tensor drawn by `draw`. */
const reduction =
  (f: Reduce, draw: (g: Generator) => Tensor): CaseBuilder =>
  (g) => {
    const x = draw(g);
    const [axes, keepDims] = [axesOf(g, x.rank), g.uniform() < 0.5];
    return { inputs: [x], f: (input) => f(input, axes, keepDims) };
  };

const random =
  (domain?: Domain) =>
  (g: Generator): Tensor =>
    values(g, shapeOf(g), domain);
/** At least two elements along every axis (for the variance's n − 1), no ties (std away from 0). */
const spread = (g: Generator): Tensor =>
  distinct(
    g,
    Array.from({ length: between(g, 1, 3) }, () => between(g, 2, 3)),
  );
const untied = (g: Generator): Tensor => distinct(g, shapeOf(g));

/** An op along one random axis of a tensor of rank ≥ 1. */
const alongAxis =
  (f: (x: Tensor, axis: number) => Tensor): CaseBuilder =>
  (g) => {
    const x = values(g, shapeOf(g, 1), { low: -3, high: 3 });
    const axis = axisOf(g, x.rank);
    return { inputs: [x], f: (input) => f(input, axis) };
  };

/** matmul of operands with shapes from `shapes` (extents 1..3): 1-D, 2-D, batched, broadcast. */
const product =
  (shapes: (m: number, k: number, n: number, g: Generator) => [number[], number[]]): CaseBuilder =>
  (g) => {
    const [a, b] = shapes(between(g, 1, 3), between(g, 1, 3), between(g, 1, 3), g);
    return { inputs: [values(g, a), values(g, b)], f: ops.matmul };
  };

export const reductionOps = {
  sum: { fn: ops.sum, cases: [reduction((x, axes, keep) => x.sum(axes, keep), random())] },
  mean: { fn: ops.mean, cases: [reduction((x, axes, keep) => x.mean(axes, keep), random())] },
  variance: {
    fn: ops.variance,
    cases: [
      reduction((x, axes, keep) => x.var(axes, keep), spread),
      reduction((x, axes, keep) => x.var(axes, keep, 0), random()),
    ],
  },
  std: {
    fn: ops.std,
    cases: [
      reduction((x, axes, keep) => x.std(axes, keep), spread),
      reduction((x, axes, keep) => x.std(axes, keep, 0), spread),
    ],
  },
  max: { fn: ops.max, cases: [reduction((x, axes, keep) => x.max(axes, keep), untied)] },
  min: { fn: ops.min, cases: [reduction((x, axes, keep) => x.min(axes, keep), untied)] },
  logsumexp: {
    fn: ops.logsumexp,
    cases: [reduction((x, axes, keep) => x.logsumexp(axes, keep), random({ low: -3, high: 3 }))],
  },
  softmax: { fn: ops.softmax, cases: [alongAxis((x, axis) => x.softmax(axis))] },
  logSoftmax: { fn: ops.logSoftmax, cases: [alongAxis((x, axis) => x.logSoftmax(axis))] },
  matmul: {
    fn: ops.matmul,
    cases: [
      product((m, k, n) => [
        [m, k],
        [k, n],
      ]),
      product((_, k) => [[k], [k]]),
      product((m, k) => [[m, k], [k]]),
      product((_, k, n) => [[k], [k, n]]),
      product((m, k, n, g) => {
        const batch = shapeOf(g, 1, 2);
        return [
          [...batch, m, k],
          [...batch, k, n],
        ];
      }),
      // batch axes broadcast against each other, or a matrix against a batch
      product((m, k, n, g) => {
        const batch = shapeOf(g, 1, 2);
        return [
          [...broadcastableTo(g, batch), m, k],
          [...broadcastableTo(g, batch), k, n],
        ];
      }),
      product((m, k, n, g) => [[...shapeOf(g, 1, 2), m, k], [k]]),
    ],
  },
  argmax: { fn: ops.argmax, differentiable: false, torch: "torch.argmax(a)" },
  argmin: { fn: ops.argmin, differentiable: false, torch: "torch.argmin(a)" },
} satisfies OpFamily;
