// The normalisation kernels of the backend contract: one pass forward, one backward, for statistics
// per row (layerNorm, groupNorm) and per channel across the batch (batchNorm).
import type { FloatArray } from "./dtype.js";

/**
 * Contiguous x seen as [rows, length], normalised per row. Element i of the flat input scales by
 * weight[c] and shifts by bias[c] with c = ⌊i / span⌋ mod channels: layerNorm has span 1 and
 * channels = length; groupNorm of [N, C, S] has rows N·G, length (C/G)·S, span S and channels C.
 */
export interface RowNormShape {
  readonly rows: number;
  readonly length: number;
  readonly span: number;
  readonly channels: number;
  readonly eps: number;
}

/** Contiguous x seen as [batch, channels, spatial], normalised per channel over batch and spatial. */
export interface ChannelNormShape {
  readonly batch: number;
  readonly channels: number;
  readonly spatial: number;
  readonly eps: number;
  /** Batch statistics (computed, then written to mean/variance) or the given running ones (read). */
  readonly training: boolean;
}

/** The affine factors of a normalisation (null when absent: weight 1, bias 0). */
export interface Affine {
  readonly weight: FloatArray | null;
  readonly bias: FloatArray | null;
}

/** What a backward kernel writes: any of them may be null when that gradient is not wanted. */
export interface NormGradients {
  readonly dx: FloatArray | null;
  readonly dWeight: FloatArray | null;
  readonly dBias: FloatArray | null;
}

/**
 * Every array shares x's float dtype; statistics are float64 and sums run in float64. All outputs
 * are fresh and fully written (dWeight and dBias are overwritten, not added to).
 */
export interface NormalizationKernels {
  /**
   * out = (x − μ)·r·w[c] + b[c] per row, with μ the row's mean, σ² its biased variance and
   * r = 1/√(σ² + eps); writes μ and r of every row into mean and rstd.
   */
  rowNormForward(
    x: FloatArray,
    affine: Affine,
    shape: RowNormShape,
    out: FloatArray,
    mean: Float64Array,
    rstd: Float64Array,
  ): void;
  /**
   * With x̂ = (x − μ)·r and gy = g·w[c]: dx = r·(gy − mean(gy) − x̂·mean(gy·x̂)) per row;
   * dWeight[c] = Σ g·x̂ and dBias[c] = Σ g over the elements of channel c.
   */
  rowNormBackward(
    g: FloatArray,
    x: FloatArray,
    mean: Float64Array,
    rstd: Float64Array,
    weight: FloatArray | null,
    shape: RowNormShape,
    out: NormGradients,
  ): void;
  /**
   * out = (x − μ)·r·w[c] + b[c] per channel c, r = 1/√(σ² + eps); in training μ and the biased σ²
   * are the channel's over batch and spatial (written to mean and variance), otherwise read from them.
   */
  channelNormForward(
    x: FloatArray,
    affine: Affine,
    shape: ChannelNormShape,
    out: FloatArray,
    mean: Float64Array,
    variance: Float64Array,
  ): void;
  /**
   * With x̂ = (x − μ)·r and gy = g·w[c]: in training dx = r·(gy − mean(gy) − x̂·mean(gy·x̂)) over
   * the channel, otherwise dx = r·gy; dWeight[c] = Σ g·x̂, dBias[c] = Σ g.
   */
  channelNormBackward(
    g: FloatArray,
    x: FloatArray,
    mean: Float64Array,
    rstd: Float64Array,
    weight: FloatArray | null,
    shape: ChannelNormShape,
    out: NormGradients,
  ): void;
}
