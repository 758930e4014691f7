// The op registry: every public op of ops/ in its family's typed table. Exports, Tensor methods, the
// tests' cases and `gradus gradcheck` derive from these tables (see CONTRIBUTING.md).
import { activationOps } from "./activations.js";
import { astypeRow } from "./astype.js";
import { attentionOps } from "./families/attention.js";
import { layerOps } from "./families/layers.js";
import { binaryOps } from "./binary.js";
import { clampRow } from "./clamp.js";
import { convolutionOps } from "./families/convolution.js";
import { indexingOps } from "./families/indexing.js";
import { lossOps } from "./families/losses.js";
import { normalizationOps } from "./families/normalization.js";
import { recurrentOps } from "./families/recurrent.js";
import { reductionOps } from "./families/reductions.js";
import { shapeOps } from "./families/shapes.js";
import { isDifferentiable, type OpFamily, type OpRow } from "./op-row.js";
import { unaryOps } from "./unary.js";
import { whereRow } from "./where.js";

/** Elementwise ops (NumPy broadcasting): functions, activations, arithmetic, comparisons, casts. */
export const elementwiseOps = {
  ...unaryOps,
  ...activationOps,
  ...binaryOps,
  clamp: clampRow,
  where: whereRow,
  astype: astypeRow,
} satisfies OpFamily;

/** Every family by name. */
export const opFamilies = {
  elementwise: elementwiseOps,
  reductions: reductionOps,
  shapes: shapeOps,
  indexing: indexingOps,
  losses: lossOps,
  attention: attentionOps,
  layers: layerOps,
  normalization: normalizationOps,
  convolution: convolutionOps,
  recurrent: recurrentOps,
} as const;

/** Every op of ops/ by name. */
export const opRegistry = {
  ...elementwiseOps,
  ...reductionOps,
  ...shapeOps,
  ...indexingOps,
  ...lossOps,
  ...attentionOps,
  ...layerOps,
  ...normalizationOps,
  ...convolutionOps,
  ...recurrentOps,
} satisfies OpFamily;

export type OpName = keyof typeof opRegistry;

/** The rows with gradient cases, by name. */
export function differentiableRows(
  family: OpFamily = opRegistry,
): [string, Extract<OpRow, { cases: unknown }>][] {
  return Object.entries(family).filter(
    (entry): entry is [string, Extract<OpRow, { cases: unknown }>] => isDifferentiable(entry[1]),
  );
}
