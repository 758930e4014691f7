// Gradient cases of customOp: the documented example and a broadcasting two-input op.
import type { CaseBuilder } from "../ops/op-row.js";
import { shapeOf, values } from "../ops/cases/random-inputs.js";
import { customOp } from "./custom-op.js";

/** The documented customOp example: x³ with its own backward (written with tensor ops). */
const cube = customOp({
  name: "cube",
  forward: (x) => x.mul(x).mul(x),
  backward: (g, { inputs: [x] }) => [g.mul(x!.mul(x!).mul(3))],
});

/** A two-input custom op a·sin(b), broadcasting, with the engine reducing its gradients. */
const mulSin = customOp({
  name: "mulSin",
  forward: (a, b) => a.mul(b.sin()),
  backward: (g, { inputs: [a, b] }) => [g.mul(b!.sin()), g.mul(a!).mul(b!.cos())],
});

export const customOpCases: readonly CaseBuilder[] = [
  (g) => ({ inputs: [values(g, shapeOf(g))], f: cube }),
  (g) => {
    const shape = shapeOf(g, 1);
    return {
      inputs: [values(g, shape), values(g, shape.slice(g.integer(shape.length)))],
      f: mulSin,
    };
  },
];
