// Gradient clipping by global norm: rescale every .grad so that ‖(g₁, …, gₙ)‖₂ ≤ maxNorm.
import { noGrad } from "../autodiff/index.js";
import type { Tensor } from "../tensor/tensor.js";
import { valuesOf } from "./optimizer.js";

/** ‖(∇θ₁, …, ∇θₙ)‖₂ over the parameters that have a gradient, dense or row-sparse (0 if none has). */
export function gradNorm(parameters: readonly Tensor[]): number {
  let total = 0;
  for (const parameter of parameters) {
    if (parameter.sparseGrad !== null) total += parameter.sparseGrad.squaredNorm();
    if (parameter.grad === null) continue;
    for (const value of valuesOf(parameter.grad)) total += value * value;
  }
  return Math.sqrt(total);
}

/**
 * Scales all gradients by maxNorm/‖g‖ when the global norm exceeds maxNorm; returns the norm before clipping.
 * @example loss.backward(); const norm = optim.clipGradNorm(model.parameters(), 1); optimizer.step();
 */
export function clipGradNorm(parameters: readonly Tensor[], maxNorm: number): number {
  if (!(maxNorm > 0)) throw new RangeError(`clipGradNorm: maxNorm must be > 0, got ${maxNorm}`);
  const norm = gradNorm(parameters);
  if (!Number.isFinite(norm)) {
    throw new RangeError(
      `clipGradNorm: the gradient norm is ${norm} (a gradient has NaN or ±Infinity)`,
    );
  }
  if (norm > maxNorm) {
    const scale = maxNorm / (norm + 1e-12);
    noGrad(() => {
      for (const parameter of parameters) {
        if (parameter.grad !== null) parameter.grad = parameter.grad.mul(scale);
        if (parameter.sparseGrad !== null)
          parameter.sparseGrad = parameter.sparseGrad.scaled(scale);
      }
    });
  }
  return norm;
}
