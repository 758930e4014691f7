// Gradient cases of the shape ops: reshapes, views, expansion, permutation, concat and stack.
import * as ops from "../index.js";
import type { OpFamily } from "../op-row.js";
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";

import { axisOf, between, shapeOf, values, type CaseBuilder } from "../cases/random-inputs.js";

/** A random permutation of 0..n−1 (Fisher–Yates). */
function permutation(g: Generator, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = g.integer(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Another shape of the same size: its prime factors regrouped, with 1s and sometimes a −1. */
function reshaped(g: Generator, size: number): number[] {
  const factors: number[] = [];
  for (let rest = size, p = 2; rest > 1;) {
    if (rest % p === 0) {
      factors.push(p);
      rest /= p;
    } else p++;
  }
  const shape = permutation(g, factors.length).map((i) => factors[i]!);
  for (let i = shape.length - 1; i > 0; i--) {
    if (g.uniform() < 0.5) shape.splice(i - 1, 2, shape[i - 1]! * shape[i]!);
  }
  if (g.uniform() < 0.3) shape.splice(g.integer(shape.length + 1), 0, 1);
  if (shape.length > 0 && g.uniform() < 0.3) shape[g.integer(shape.length)] = -1;
  return shape;
}

/** A function of one random tensor (rank ≥ minRank); `build` draws its parameters once, eagerly. */
const ofShape =
  (minRank: number, build: (g: Generator, shape: number[]) => (x: Tensor) => Tensor): CaseBuilder =>
  (g) => {
    const shape = shapeOf(g, minRank);
    const f = build(g, shape);
    return { inputs: [values(g, shape)], f };
  };

/** 2–3 tensors equal in shape except (for concat) along `axis`. */
function pieces(g: Generator, vary: boolean): [Tensor[], number] {
  const shape = shapeOf(g, 1);
  const axis = axisOf(g, shape.length);
  const count = between(g, 2, 3);
  const inputs = Array.from({ length: count }, () => {
    const own = [...shape];
    if (vary) own[axis < 0 ? axis + own.length : axis] = between(g, 1, 3);
    return values(g, own);
  });
  return [inputs, axis];
}

export const shapeOps = {
  contiguous: {
    fn: ops.contiguous,
    cases: [ofShape(2, () => (x) => x.transpose().contiguous()), ofShape(0, () => ops.contiguous)],
  },
  reshape: {
    fn: ops.reshape,
    cases: [
      ofShape(0, (g, shape) => {
        const target = reshaped(
          g,
          shape.reduce((a, b) => a * b, 1),
        );
        return (x) => x.reshape(target);
      }),
    ],
  },
  squeeze: {
    fn: ops.squeeze,
    cases: [
      (g) => {
        const shape = shapeOf(g);
        const ones = between(g, 1, 2);
        for (let i = 0; i < ones; i++) shape.splice(g.integer(shape.length + 1), 0, 1);
        const axis = g.uniform() < 0.3 ? undefined : shape.indexOf(1);
        return { inputs: [values(g, shape)], f: (x) => x.squeeze(axis) };
      },
    ],
  },
  unsqueeze: {
    fn: ops.unsqueeze,
    cases: [
      ofShape(0, (g, shape) => {
        const axis = between(g, -shape.length - 1, shape.length);
        return (x) => x.unsqueeze(axis);
      }),
    ],
  },
  flatten: {
    fn: ops.flatten,
    cases: [
      ofShape(1, (g, shape) => {
        const start = g.integer(shape.length);
        const end = between(g, start, shape.length - 1);
        return (x) => x.flatten(start, end);
      }),
    ],
  },
  expand: {
    fn: ops.expand,
    cases: [
      (g) => {
        const shape = shapeOf(g).map((extent) => (g.uniform() < 0.5 ? 1 : extent));
        const target = [...shapeOf(g, 0, 1), ...shape.map((e) => (e === 1 ? between(g, 1, 3) : e))];
        return { inputs: [values(g, shape)], f: (x) => x.expand(target) };
      },
    ],
  },
  permute: {
    fn: ops.permute,
    cases: [
      ofShape(0, (g, shape) => {
        const axes = permutation(g, shape.length);
        return (x) => x.permute(axes);
      }),
    ],
  },
  transpose: {
    fn: ops.transpose,
    cases: [
      ofShape(2, () => (x) => x.transpose()),
      ofShape(1, (g, shape) => {
        const [first, second] = [axisOf(g, shape.length), axisOf(g, shape.length)];
        return (x) => x.transpose(first, second);
      }),
    ],
  },
  concat: {
    fn: ops.concat,
    cases: [
      (g) => {
        const [inputs, axis] = pieces(g, true);
        return { inputs, f: (...xs) => ops.concat(xs, axis) };
      },
    ],
  },
  stack: {
    fn: ops.stack,
    cases: [
      (g) => {
        const [inputs] = pieces(g, false);
        const axis = between(g, -inputs[0]!.rank - 1, inputs[0]!.rank);
        return { inputs, f: (...xs) => ops.stack(xs, axis) };
      },
    ],
  },
} satisfies OpFamily;
