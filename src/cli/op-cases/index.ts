// Every gradient case by name: the differentiable primitives by family, then the composites.
import { COMPOSITE_CASES } from "./composites.js";
import { CONVOLUTION_CASES } from "./convolution.js";
import { ELEMENTWISE_CASES } from "./elementwise.js";
import { INDEXING_CASES } from "./indexing.js";
import { LOSS_CASES } from "./losses.js";
import type { CaseBuilder } from "./random-inputs.js";
import { REDUCTION_CASES } from "./reductions.js";
import { SHAPE_CASES } from "./shapes.js";

export type { CaseBuilder, OpCase } from "./random-inputs.js";
export { COMPOSITE_CASES };

/** The primitives' cases: one entry per differentiable op of the library. */
export const OP_CASES: Readonly<Record<string, readonly CaseBuilder[]>> = {
  ...ELEMENTWISE_CASES,
  ...REDUCTION_CASES,
  ...SHAPE_CASES,
  ...INDEXING_CASES,
  ...LOSS_CASES,
  ...CONVOLUTION_CASES,
};

/** Primitives and composites together (what `gradus gradcheck --all` runs). */
export const ALL_CASES: Readonly<Record<string, readonly CaseBuilder[]>> = {
  ...OP_CASES,
  ...COMPOSITE_CASES,
};
