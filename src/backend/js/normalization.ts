// Normalisation kernels of the js backend (the reference the native ones are checked against):
// two-pass statistics in float64 (mean, then the centred sum of squares), then one pass out.
import type {
  Affine,
  ChannelNormShape,
  NormGradients,
  RowNormShape,
} from "../normalization-kernels.js";
import type { FloatArray } from "../dtype.js";

/** The first affine channel of the row starting at flat index `start`. */
const firstChannel = (start: number, shape: RowNormShape): number =>
  Math.floor(start / shape.span) % shape.channels;

export function rowNormForward(
  x: FloatArray,
  { weight, bias }: Affine,
  shape: RowNormShape,
  out: FloatArray,
  mean: Float64Array,
  rstd: Float64Array,
): void {
  const { rows, length, span, eps } = shape;
  for (let r = 0, start = 0; r < rows; r++, start += length) {
    let total = 0;
    for (let j = start; j < start + length; j++) total += x[j]!;
    const mu = total / length;
    let squares = 0;
    for (let j = start; j < start + length; j++) squares += (x[j]! - mu) * (x[j]! - mu);
    const rs = 1 / Math.sqrt(squares / length + eps);
    mean[r] = mu;
    rstd[r] = rs;
    const c0 = firstChannel(start, shape);
    for (let j = 0; j < length; j++) {
      const c = c0 + Math.floor(j / span);
      const scaled = (x[start + j]! - mu) * (weight === null ? rs : rs * weight[c]!);
      out[start + j] = bias === null ? scaled : scaled + bias[c]!;
    }
  }
}

export function rowNormBackward(
  g: FloatArray,
  x: FloatArray,
  mean: Float64Array,
  rstd: Float64Array,
  weight: FloatArray | null,
  shape: RowNormShape,
  { dx, dWeight, dBias }: NormGradients,
): void {
  const { rows, length, span, channels } = shape;
  const sumGX = new Float64Array(channels);
  const sumG = new Float64Array(channels);
  for (let r = 0, start = 0; r < rows; r++, start += length) {
    const [mu, rs, c0] = [mean[r]!, rstd[r]!, firstChannel(start, shape)];
    let [a, b] = [0, 0];
    for (let j = 0; j < length; j++) {
      const c = c0 + Math.floor(j / span);
      const [gj, xhat] = [g[start + j]!, (x[start + j]! - mu) * rs];
      const gy = weight === null ? gj : gj * weight[c]!;
      a += gy;
      b += gy * xhat;
      sumGX[c] = sumGX[c]! + gj * xhat;
      sumG[c] = sumG[c]! + gj;
    }
    if (dx === null) continue;
    const [meanGy, meanGyX] = [a / length, b / length];
    for (let j = 0; j < length; j++) {
      const c = c0 + Math.floor(j / span);
      const xhat = (x[start + j]! - mu) * rs;
      const gy = weight === null ? g[start + j]! : g[start + j]! * weight[c]!;
      dx[start + j] = rs * (gy - meanGy - xhat * meanGyX);
    }
  }
  if (dWeight !== null) dWeight.set(sumGX);
  if (dBias !== null) dBias.set(sumG);
}

export function channelNormForward(
  x: FloatArray,
  { weight, bias }: Affine,
  shape: ChannelNormShape,
  out: FloatArray,
  mean: Float64Array,
  variance: Float64Array,
): void {
  const { batch, channels, spatial, eps, training } = shape;
  const count = batch * spatial;
  for (let c = 0; c < channels; c++) {
    if (training) {
      let total = 0;
      for (let n = 0; n < batch; n++) {
        const start = (n * channels + c) * spatial;
        for (let s = start; s < start + spatial; s++) total += x[s]!;
      }
      const mu = total / count;
      let squares = 0;
      for (let n = 0; n < batch; n++) {
        const start = (n * channels + c) * spatial;
        for (let s = start; s < start + spatial; s++) squares += (x[s]! - mu) * (x[s]! - mu);
      }
      mean[c] = mu;
      variance[c] = squares / count;
    }
    const mu = mean[c]!;
    const rs = 1 / Math.sqrt(variance[c]! + eps);
    const scale = weight === null ? rs : rs * weight[c]!;
    const shift = bias === null ? 0 : bias[c]!;
    for (let n = 0; n < batch; n++) {
      const start = (n * channels + c) * spatial;
      for (let s = start; s < start + spatial; s++) out[s] = (x[s]! - mu) * scale + shift;
    }
  }
}

export function channelNormBackward(
  g: FloatArray,
  x: FloatArray,
  mean: Float64Array,
  rstd: Float64Array,
  weight: FloatArray | null,
  shape: ChannelNormShape,
  { dx, dWeight, dBias }: NormGradients,
): void {
  const { batch, channels, spatial, training } = shape;
  const count = batch * spatial;
  for (let c = 0; c < channels; c++) {
    const [mu, rs, w] = [mean[c]!, rstd[c]!, weight === null ? 1 : weight[c]!];
    let [sumG, sumGX] = [0, 0];
    for (let n = 0; n < batch; n++) {
      const start = (n * channels + c) * spatial;
      for (let s = start; s < start + spatial; s++) {
        sumG += g[s]!;
        sumGX += g[s]! * (x[s]! - mu) * rs;
      }
    }
    if (dWeight !== null) dWeight[c] = sumGX;
    if (dBias !== null) dBias[c] = sumG;
    if (dx === null) continue;
    const [meanG, meanGX, scale] = [training ? sumG / count : 0, sumGX / count, w * rs];
    for (let n = 0; n < batch; n++) {
      const start = (n * channels + c) * spatial;
      for (let s = start; s < start + spatial; s++) {
        dx[s] = training ? scale * (g[s]! - meanG - (x[s]! - mu) * rs * meanGX) : scale * g[s]!;
      }
    }
  }
}
