// The higher-order path of a fused primitive's backward: its unrolled op-by-op version is recomputed
// from the same inputs and differentiated by the engine, so the gradients are themselves recorded.
import { backpropagate } from "../../autodiff/index.js";
import { denseAdjoint, tensorAdjointRule } from "../../tensor/backward.js";
import type { Tensor } from "../../tensor/tensor.js";

/**
 * The vector-Jacobian product outputGradᵀ·∂f/∂inputs of f = `unrolled` (a composition of primitive
 * ops equal to the fused op), built in recorded ops when grad mode is on (a backward with
 * createGraph), so it can be differentiated again. An input passed twice gets its whole gradient at
 * its first position.
 */
export function recomputedGradients(
  inputs: readonly Tensor[],
  outputGrad: Tensor,
  unrolled: () => Tensor,
): (Tensor | null)[] {
  const output = unrolled();
  if (!output.requiresGrad) return inputs.map(() => null);
  const adjoints = backpropagate(output, outputGrad, tensorAdjointRule, {
    boundary: new Set(inputs),
  });
  const seen = new Set<Tensor>();
  return inputs.map((input) => {
    if (seen.has(input)) return null;
    seen.add(input);
    const adjoint = input.requiresGrad ? adjoints.get(input) : undefined;
    return adjoint === undefined ? null : denseAdjoint(adjoint);
  });
}
