// Fused loss kernels of the js backend (the reference the native ones are checked against).
import type { FloatArray } from "../dtype.js";

/**
 * losses[i] = max(zᵢ, 0) − zᵢ·yᵢ + log(1 + e^{−|zᵢ|}) (finite for any finite zᵢ), and σ(zᵢ) from the
 * same e^{−|zᵢ|} into `sigma` when given; computed in float64.
 */
export function sigmoidCrossEntropy(
  z: FloatArray,
  y: FloatArray,
  losses: Float64Array,
  sigma: Float64Array | null,
): void {
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    const e = Math.exp(-Math.abs(zi));
    losses[i] = Math.max(zi, 0) - zi * y[i]! + Math.log1p(e);
    if (sigma !== null) sigma[i] = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
}
