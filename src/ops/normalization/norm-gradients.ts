// The normalisations' backward in tensor ops: what a recorded backward (createGraph, higher orders)
// runs instead of the fused kernel, so that the gradients can be differentiated again.
import type { Tensor } from "../../tensor/tensor.js";

/** Where the statistics and the affine factors live in a normalised input. */
export interface NormLayout {
  /** The input seen so that the statistics reduce `statsAxes` (keeping them). */
  readonly statsShape: readonly number[];
  readonly statsAxes: readonly number[];
  /** The input seen as [outer, channels, span]: weight and bias act along the middle axis. */
  readonly affineShape: readonly [number, number, number];
  readonly eps: number;
}

/** Fixed statistics (batchNorm in eval mode), already shaped to broadcast against statsShape. */
export interface FixedStatistics {
  readonly mean: Tensor;
  readonly rstd: Tensor;
}

/**
 * Gradients of y = x̂·w + b with x̂ = (x − μ)·r, r = (σ² + eps)^−½, for upstream g; null where an
 * input needs none. With batch statistics μ and σ² depend on x, otherwise they are constants.
 */
export function normGradients(
  g: Tensor,
  x: Tensor,
  weight: Tensor | null,
  bias: Tensor | null,
  layout: NormLayout,
  fixed: FixedStatistics | null,
): [Tensor | null, Tensor | null, Tensor | null] {
  const { statsShape, statsAxes, affineShape, eps } = layout;
  const xs = x.reshape(statsShape);
  const mu = fixed?.mean ?? xs.mean(statsAxes, true);
  const centered = xs.sub(mu);
  const rstd = fixed?.rstd ?? centered.square().mean(statsAxes, true).add(eps).pow(-0.5);
  const xhat = centered.mul(rstd);
  const channelsLast = [affineShape[1], 1];
  const gy =
    weight === null
      ? g.reshape(statsShape)
      : g.reshape(affineShape).mul(weight.reshape(channelsLast)).reshape(statsShape);
  // batch statistics: ∂L/∂x = r·(gy − mean(gy) − x̂·mean(gy·x̂)); fixed ones: ∂L/∂x = r·gy
  const dx = !x.requiresGrad
    ? null
    : fixed !== null
      ? gy.mul(rstd)
      : gy
          .sub(gy.mean(statsAxes, true))
          .sub(xhat.mul(gy.mul(xhat).mean(statsAxes, true)))
          .mul(rstd);
  const perChannel = (t: Tensor): Tensor => t.reshape(affineShape).sum([0, 2]);
  // ∂L/∂w = Σ g·x̂ and ∂L/∂b = Σ g over each channel's elements
  return [
    dx?.reshape(x.shape) ?? null,
    weight?.requiresGrad ? perChannel(g.mul(xhat.reshape(g.shape))).reshape(weight.shape) : null,
    bias?.requiresGrad ? perChannel(g).reshape(bias.shape) : null,
  ];
}
