// Gradient cases of the elementwise ops: random shapes, operands broadcast against each other.
import * as gradus from "../../node.js";
import type { Tensor } from "../../node.js";
import {
  between,
  broadcastableTo,
  fromValues,
  gridValues,
  shapeOf,
  values,
  type CaseBuilder,
  type Domain,
} from "./random-inputs.js";

const unary =
  (f: (x: Tensor) => Tensor, domain?: Domain): CaseBuilder =>
  (g) => ({ inputs: [values(g, shapeOf(g), domain)], f });

/** Two operands whose shapes broadcast to a common random shape (either may be the smaller). */
const binary =
  (f: (a: Tensor, b: Tensor) => Tensor, a?: Domain, b?: Domain): CaseBuilder =>
  (g) => {
    const full = shapeOf(g);
    return {
      inputs: [values(g, broadcastableTo(g, full), a), values(g, broadcastableTo(g, full), b)],
      f,
    };
  };

/** maximum/minimum on grids 0.1 apart: never a tie within the difference step. */
const extremum =
  (f: (a: Tensor, b: Tensor) => Tensor): CaseBuilder =>
  (g) => {
    const full = shapeOf(g);
    return {
      inputs: [
        gridValues(g, broadcastableTo(g, full), 0),
        gridValues(g, broadcastableTo(g, full), 0.1),
      ],
      f,
    };
  };

/** Multiples of 1/8 and a step of 1/4: exact in float32, so a float32 round trip loses nothing. */
const eighths: CaseBuilder = (g) => {
  const shape = shapeOf(g);
  const flat = Array.from(
    { length: shape.reduce((a, b) => a * b, 1) },
    () => between(g, -16, 16) / 8,
  );
  return {
    inputs: [fromValues(g, shape, flat)],
    f: (x) => x.astype("float32").mul(3).astype("float64"),
    options: { h: 0.25 },
  };
};

const positive: Domain = { low: 0.5, high: 2 };
const awayFromZero: Domain = { low: 0.1, high: 2, signed: true };

export const ELEMENTWISE_CASES: Readonly<Record<string, readonly CaseBuilder[]>> = {
  add: [binary(gradus.add), unary((x) => x.add(1.5))],
  sub: [binary(gradus.sub), unary((x) => gradus.sub(1.5, x))],
  mul: [binary(gradus.mul), unary((x) => x.mul(-2.5))],
  div: [
    binary(gradus.div, {}, { ...positive, signed: true }),
    unary((x) => gradus.div(2, x), positive),
  ],
  pow: [
    binary(gradus.pow, positive, {}),
    unary((x) => x.pow(3)),
    unary((x) => x.pow(-1.5), positive),
    unary((x) => gradus.pow(2, x)),
  ],
  neg: [unary(gradus.neg)],
  exp: [unary(gradus.exp)],
  log: [unary(gradus.log, { low: 0.1, high: 3 })],
  sqrt: [unary(gradus.sqrt, { low: 0.1, high: 3 })],
  abs: [unary(gradus.abs, awayFromZero)],
  square: [unary(gradus.square)],
  sin: [unary(gradus.sin, { low: -4, high: 4 })],
  cos: [unary(gradus.cos, { low: -4, high: 4 })],
  tanh: [unary(gradus.tanh, { low: -3, high: 3 })],
  sigmoid: [unary(gradus.sigmoid, { low: -5, high: 5 })],
  relu: [unary(gradus.relu, awayFromZero)],
  maximum: [
    extremum(gradus.maximum),
    (g) => ({ inputs: [gridValues(g, shapeOf(g), 0.1)], f: (x) => x.maximum(0.4) }),
  ],
  minimum: [
    extremum(gradus.minimum),
    (g) => ({ inputs: [gridValues(g, shapeOf(g), 0.1)], f: (x) => x.minimum(-0.4) }),
  ],
  clamp: [
    (g) => {
      const low = 0.2 * between(g, -5, 0);
      const high = low + 0.2 * between(g, 1, 5);
      const [min, max] = [
        g.uniform() < 0.8 ? low : undefined,
        g.uniform() < 0.8 ? high : undefined,
      ];
      return { inputs: [gridValues(g, shapeOf(g), 0.1)], f: (x) => gradus.clamp(x, min, max) };
    },
    // tensor bounds, differentiated too: grids at offsets 0.1 (x), 0 (min) and 0.05 (max)
    (g) => {
      const full = shapeOf(g);
      const [x, min] = [gridValues(g, full, 0.1), gridValues(g, broadcastableTo(g, full), 0)];
      return { inputs: [x, min, gridValues(g, broadcastableTo(g, full), 0.05)], f: gradus.clamp };
    },
  ],
  where: [
    (g) => {
      const full = shapeOf(g);
      const mask = values(g, broadcastableTo(g, full)).gt(0);
      const [a, b] = [values(g, broadcastableTo(g, full)), values(g, broadcastableTo(g, full))];
      return { inputs: [a, b], f: (x, y) => gradus.where(mask, x, y) };
    },
  ],
  astype: [unary((x) => x.astype("float64").mul(2)), eighths],
};
