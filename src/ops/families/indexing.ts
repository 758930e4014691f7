// Gradient cases of indexing: slices and picks (views), index-tensor lookups and their scatter-adds.
import * as ops from "../index.js";
import type { OpFamily } from "../op-row.js";
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { IndexSpec } from "../index.js";
import { axisOf, between, indices, shapeOf, values } from "../cases/random-inputs.js";

/** A non-empty range of an axis of extent `extent`, ends sometimes negative or left out. */
function range(g: Generator, extent: number): { start: number; end?: number; step: number } {
  const start = g.integer(extent);
  const end = between(g, start + 1, extent);
  return {
    start: g.uniform() < 0.3 ? start - extent : start,
    ...(end < extent || g.uniform() < 0.5 ? { end } : {}),
    step: between(g, 1, 2),
  };
}

/**
 * One spec per leading axis: a position, the whole axis, a range or an index tensor; the index tensors
 * share one length, since they broadcast together (NumPy/PyTorch indexing).
 */
function specsFor(g: Generator, shape: readonly number[]): IndexSpec[] {
  const length = between(g, 1, 3);
  return shape.slice(0, between(g, 1, shape.length)).map((extent) => {
    switch (g.integer(4)) {
      case 0:
        return between(g, -extent, extent - 1);
      case 1:
        return null;
      case 2:
        return range(g, extent);
      default:
        return indices(g, [length], extent);
    }
  });
}

/** A random tensor of rank ≥ 1, a random axis of it and that axis's extent. */
function withAxis(g: Generator): [Tensor, number, number] {
  const x = values(g, shapeOf(g, 1));
  const axis = axisOf(g, x.rank);
  return [x, axis, x.shape.at(axis)!];
}

export const indexingOps = {
  slice: {
    fn: ops.slice,
    cases: [
      (g) => {
        const [x, axis, extent] = withAxis(g);
        const { start, end, step } = range(g, extent);
        return { inputs: [x], f: (input) => input.slice(axis, start, end, step) };
      },
    ],
  },
  at: {
    fn: ops.at,
    cases: [
      (g) => {
        const x = values(g, shapeOf(g, 1));
        const i = between(g, -x.shape[0]!, x.shape[0]! - 1);
        return { inputs: [x], f: (input) => input.at(i) };
      },
    ],
  },
  index: {
    fn: ops.index,
    cases: [
      (g) => {
        const x = values(g, shapeOf(g, 1));
        const specs = specsFor(g, x.shape);
        return { inputs: [x], f: (input) => input.index(...specs) };
      },
    ],
  },
  indexSelect: {
    fn: ops.indexSelect,
    cases: [
      (g) => {
        const [x, axis, extent] = withAxis(g);
        const index = indices(g, [between(g, 1, 4)], extent);
        return { inputs: [x], f: (input) => input.indexSelect(axis, index) };
      },
    ],
  },
  indexAdd: {
    fn: ops.indexAdd,
    cases: [
      (g) => {
        const [x, axis, extent] = withAxis(g);
        const size = between(g, 1, 4);
        const index = indices(g, [extent], size);
        return { inputs: [x], f: (input) => ops.indexAdd(input, axis, index, size) };
      },
    ],
  },
  gather: {
    fn: ops.gather,
    cases: [
      (g) => {
        const [x, axis] = withAxis(g);
        const normalized = axis < 0 ? axis + x.rank : axis;
        const shape = x.shape.map((extent, a) => between(g, 1, a === normalized ? 3 : extent));
        const index = indices(g, shape, x.shape[normalized]!);
        return { inputs: [x], f: (input) => input.gather(axis, index) };
      },
    ],
  },
  scatterAdd: {
    fn: ops.scatterAdd,
    cases: [
      (g) => {
        const [x, axis] = withAxis(g);
        const size = between(g, 1, 4);
        const index = indices(g, x.shape, size);
        return { inputs: [x], f: (input) => ops.scatterAdd(input, axis, index, size) };
      },
    ],
  },
} satisfies OpFamily;
