// Reference pooling kernels: window maxima with their positions, window means and their transpose.
import type { ConvKernels, PoolGeometry } from "../conv-kernels.js";

export const maxPool2d: ConvKernels["maxPool2d"] = (x, geometry, out, indices) => {
  const { planes, height, width, outHeight, outWidth, kernelHeight, kernelWidth } = geometry;
  const { strideHeight, strideWidth, padTop, padLeft, dilationHeight, dilationWidth } = geometry;
  let at = 0;
  for (let p = 0; p < planes; p++) {
    const plane = p * height * width;
    for (let i = 0; i < outHeight; i++)
      for (let j = 0; j < outWidth; j++, at++) {
        let best = -Infinity;
        let where = -1;
        for (let a = 0; a < kernelHeight; a++) {
          const h = i * strideHeight - padTop + a * dilationHeight;
          if (h < 0 || h >= height) continue;
          for (let b = 0; b < kernelWidth; b++) {
            const w = j * strideWidth - padLeft + b * dilationWidth;
            if (w < 0 || w >= width) continue;
            const value = x[plane + h * width + w]!;
            // NOTE: as in PyTorch, a NaN replaces the maximum (the last NaN of the window wins).
            if (where < 0 || value > best || Number.isNaN(value)) {
              best = value;
              where = h * width + w;
            }
          }
        }
        out[at] = best;
        indices[at] = where;
      }
  }
};

export const maxUnpool2d: ConvKernels["maxUnpool2d"] = (y, indices, geometry, out) => {
  const { planes, height, width, outHeight, outWidth } = geometry;
  out.fill(0);
  const inPlane = height * width;
  const outPlane = outHeight * outWidth;
  for (let p = 0; p < planes; p++)
    for (let k = 0; k < outPlane; k++) {
      const at = p * inPlane + indices[p * outPlane + k]!;
      out[at] = out[at]! + y[p * outPlane + k]!;
    }
};

/** Window (i, j)'s divisor: its area inside x, or inside x and its padding (PyTorch's rule). */
function divisor(geometry: PoolGeometry, countIncludePad: boolean, i: number, j: number): number {
  const { height, width, kernelHeight, kernelWidth, strideHeight, strideWidth } = geometry;
  const { padTop, padLeft } = geometry;
  const top = i * strideHeight - padTop;
  const left = j * strideWidth - padLeft;
  const bottom = Math.min(top + kernelHeight, height + padTop);
  const right = Math.min(left + kernelWidth, width + padLeft);
  if (countIncludePad) return (bottom - top) * (right - left);
  return (
    (Math.min(bottom, height) - Math.max(top, 0)) * (Math.min(right, width) - Math.max(left, 0))
  );
}

export const avgPool2d: ConvKernels["avgPool2d"] = (x, geometry, countIncludePad, out) => {
  const { planes, height, width, outHeight, outWidth, kernelHeight, kernelWidth } = geometry;
  const { strideHeight, strideWidth, padTop, padLeft } = geometry;
  let at = 0;
  for (let p = 0; p < planes; p++) {
    const plane = p * height * width;
    for (let i = 0; i < outHeight; i++)
      for (let j = 0; j < outWidth; j++, at++) {
        const top = i * strideHeight - padTop;
        const left = j * strideWidth - padLeft;
        let sum = 0;
        for (let h = Math.max(top, 0); h < Math.min(top + kernelHeight, height); h++)
          for (let w = Math.max(left, 0); w < Math.min(left + kernelWidth, width); w++)
            sum += x[plane + h * width + w]!;
        out[at] = sum / divisor(geometry, countIncludePad, i, j);
      }
  }
};

/** The output positions [first, end) whose windows (kernel, stride, pad) cover `position`. */
function covering(position: number, kernel: number, stride: number, pad: number, count: number) {
  const first = Math.max(0, Math.ceil((position + pad - kernel + 1) / stride));
  const end = Math.min(count, Math.floor((position + pad) / stride) + 1);
  return [first, end] as const;
}

export const avgPool2dTranspose: ConvKernels["avgPool2dTranspose"] = (
  y,
  geometry,
  countIncludePad,
  out,
) => {
  const { planes, height, width, outHeight, outWidth, kernelHeight, kernelWidth } = geometry;
  const { strideHeight, strideWidth, padTop, padLeft } = geometry;
  let at = 0;
  for (let p = 0; p < planes; p++) {
    const plane = p * outHeight * outWidth;
    for (let h = 0; h < height; h++) {
      const [i0, i1] = covering(h, kernelHeight, strideHeight, padTop, outHeight);
      for (let w = 0; w < width; w++, at++) {
        const [j0, j1] = covering(w, kernelWidth, strideWidth, padLeft, outWidth);
        let sum = 0;
        for (let i = i0; i < i1; i++)
          for (let j = j0; j < j1; j++)
            sum += y[plane + i * outWidth + j]! / divisor(geometry, countIncludePad, i, j);
        out[at] = sum;
      }
    }
  }
};
