// The gradient cases `gradus gradcheck` runs: every differentiable op, each at a few float64 inputs.
import * as gradus from "../node.js";
import type { Generator, Tensor } from "../node.js";

/** One check: float64 inputs (all differentiated) and the function of them. */
export interface OpCase {
  readonly inputs: readonly Tensor[];
  readonly f: (...inputs: Tensor[]) => Tensor;
}

/** Builds one case from a seeded generator. */
export type CaseBuilder = (generator: Generator) => OpCase;

/** Random float64 values in ±[low, high] (signed) or [low, high]: away from kinks and poles. */
function values(shape: number[], generator: Generator, low = -2, high = 2, signed = false): Tensor {
  const x = gradus
    .rand(shape, { dtype: "float64", generator })
    .mul(high - low)
    .add(low);
  if (!signed) return x;
  return x.mul(
    gradus.rand(shape, { dtype: "float64", generator }).gt(0.5).astype("float64").mul(2).sub(1),
  );
}
/** Spread-out values in shuffled order (no ties), so max, min and their gradients are well defined. */
function distinct(shape: number[], generator: Generator): Tensor {
  const count = shape.reduce((a, b) => a * b, 1);
  const spread = Array.from({ length: count }, (_, i) => i * 0.37 - count * 0.18);
  for (let i = count - 1; i > 0; i--) {
    const j = generator.integer(i + 1);
    [spread[i], spread[j]] = [spread[j]!, spread[i]!];
  }
  return gradus.tensor(spread, { dtype: "float64" }).reshape(shape);
}
const int = (list: number[]) => gradus.tensor(list, { dtype: "int32" });

const unary =
  (f: (x: Tensor) => Tensor, low?: number, high?: number, signed?: boolean): CaseBuilder =>
  (g) => ({ inputs: [values([3, 4], g, low, high, signed)], f });
const binary =
  (f: (a: Tensor, b: Tensor) => Tensor, low?: number, high?: number): CaseBuilder =>
  (g) => ({ inputs: [values([2, 3], g, low, high), values([3], g, low, high)], f });
const ofMatrix =
  (f: (x: Tensor) => Tensor): CaseBuilder =>
  (g) => ({ inputs: [values([3, 4], g)], f });

/** The cases by op name: an elementwise, reduction, shape or indexing op, each with 1–2 cases. */
export const OP_CASES: Readonly<Record<string, readonly CaseBuilder[]>> = {
  add: [binary(gradus.add)],
  sub: [binary(gradus.sub)],
  mul: [binary(gradus.mul)],
  div: [binary(gradus.div, 0.5, 2)],
  pow: [binary(gradus.pow, 0.5, 2), unary((x) => x.pow(3))],
  neg: [unary(gradus.neg)],
  exp: [unary(gradus.exp)],
  log: [unary(gradus.log, 0.1, 3)],
  sqrt: [unary(gradus.sqrt, 0.1, 3)],
  abs: [unary(gradus.abs, 0.1, 2, true)],
  square: [unary(gradus.square)],
  sin: [unary(gradus.sin)],
  cos: [unary(gradus.cos)],
  tanh: [unary(gradus.tanh)],
  sigmoid: [unary(gradus.sigmoid, -4, 4)],
  relu: [unary(gradus.relu, 0.1, 2, true)],
  maximum: [
    (g) => ({ inputs: [distinct([2, 3], g), distinct([3], g).add(0.15)], f: gradus.maximum }),
  ],
  minimum: [
    (g) => ({ inputs: [distinct([2, 3], g), distinct([3], g).add(0.15)], f: gradus.minimum }),
  ],
  clamp: [unary((x) => gradus.clamp(x, -0.55, 0.65), -2, 2)],
  where: [
    (g) => {
      const mask = values([2, 3], g).gt(0);
      return { inputs: [values([2, 3], g), values([3], g)], f: (a, b) => gradus.where(mask, a, b) };
    },
  ],
  astype: [unary((x) => x.astype("float64").mul(2))],
  sum: [ofMatrix((x) => x.sum()), ofMatrix((x) => x.sum(1, true))],
  mean: [ofMatrix((x) => x.mean()), ofMatrix((x) => x.mean(0))],
  variance: [ofMatrix((x) => x.var(1))],
  std: [ofMatrix((x) => x.std(0))],
  max: [(g) => ({ inputs: [distinct([3, 4], g)], f: (x) => x.max(1) })],
  min: [(g) => ({ inputs: [distinct([3, 4], g)], f: (x) => x.min(0) })],
  logsumexp: [ofMatrix((x) => x.logsumexp(1))],
  softmax: [ofMatrix((x) => x.softmax(-1))],
  logSoftmax: [ofMatrix((x) => x.logSoftmax(0))],
  matmul: [
    (g) => ({ inputs: [values([3, 4], g), values([4, 2], g)], f: gradus.matmul }),
    (g) => ({ inputs: [values([2, 3, 4], g), values([4], g)], f: gradus.matmul }),
  ],
  contiguous: [ofMatrix((x) => x.transpose().contiguous())],
  reshape: [ofMatrix((x) => x.reshape([2, 6]))],
  squeeze: [(g) => ({ inputs: [values([3, 1, 2], g)], f: (x) => x.squeeze(1) })],
  unsqueeze: [ofMatrix((x) => x.unsqueeze(1))],
  flatten: [(g) => ({ inputs: [values([2, 3, 2], g)], f: (x) => x.flatten() })],
  expand: [(g) => ({ inputs: [values([3, 1], g)], f: (x) => x.expand([3, 4]) })],
  permute: [(g) => ({ inputs: [values([2, 3, 4], g)], f: (x) => x.permute([2, 0, 1]) })],
  transpose: [ofMatrix((x) => x.transpose())],
  concat: [
    (g) => ({
      inputs: [values([2, 3], g), values([1, 3], g)],
      f: (a, b) => gradus.concat([a, b], 0),
    }),
  ],
  stack: [
    (g) => ({ inputs: [values([3], g), values([3], g)], f: (a, b) => gradus.stack([a, b], 1) }),
  ],
  slice: [ofMatrix((x) => x.slice(1, 1, 4, 2))],
  at: [ofMatrix((x) => x.at(-1))],
  index: [ofMatrix((x) => x.index(null, { start: 1 }))],
  indexSelect: [ofMatrix((x) => x.indexSelect(0, int([2, 0, 2])))],
  indexAdd: [
    (g) => ({ inputs: [values([3, 2], g)], f: (x) => gradus.indexAdd(x, 0, int([1, 1, 0]), 4) }),
  ],
  gather: [ofMatrix((x) => x.gather(1, int([0, 3, 3, 1, 2, 0]).reshape([3, 2])))],
  scatterAdd: [
    (g) => ({
      inputs: [values([2, 3], g)],
      f: (x) => gradus.scatterAdd(x, 1, int([0, 2, 2, 1, 1, 0]).reshape([2, 3]), 4),
    }),
  ],
};
