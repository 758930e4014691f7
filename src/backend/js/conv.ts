// Reference convolution kernels: direct loops accumulating in float64, one output element at a time.
import type { ConvKernels } from "../conv-kernels.js";

/** The first kernel offset a (and the count) with 0 ≤ start + a·step < extent, for a < kernel. */
function validTaps(start: number, step: number, kernel: number, extent: number): [number, number] {
  let first = 0;
  while (first < kernel && start + first * step < 0) first++;
  let end = kernel;
  while (end > first && start + (end - 1) * step >= extent) end--;
  return [first, end];
}

export const conv2d: ConvKernels["conv2d"] = (x, weight, bias, geometry, out) => {
  const { batch, groups, inChannels, outChannels, height, width, outHeight, outWidth } = geometry;
  const {
    kernelHeight: kh,
    kernelWidth: kw,
    strideHeight,
    strideWidth,
    padTop,
    padLeft,
  } = geometry;
  const { dilationHeight: dh, dilationWidth: dw } = geometry;
  const groupIn = inChannels / groups;
  const groupOut = outChannels / groups;
  let at = 0;
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < outChannels; o++) {
      const firstChannel = n * inChannels + Math.floor(o / groupOut) * groupIn;
      for (let i = 0; i < outHeight; i++) {
        const top = i * strideHeight - padTop;
        const [a0, a1] = validTaps(top, dh, kh, height);
        for (let j = 0; j < outWidth; j++, at++) {
          const left = j * strideWidth - padLeft;
          const [b0, b1] = validTaps(left, dw, kw, width);
          let sum = bias === null ? 0 : bias[o]!;
          for (let c = 0; c < groupIn; c++) {
            const plane = (firstChannel + c) * height;
            const taps = (o * groupIn + c) * kh;
            for (let a = a0; a < a1; a++) {
              const row = (plane + top + a * dh) * width + left;
              const tap = (taps + a) * kw;
              for (let b = b0; b < b1; b++) sum += weight[tap + b]! * x[row + b * dw]!;
            }
          }
          out[at] = sum;
        }
      }
    }
};

/** The output positions i (and their count) whose window reads x at `position` through tap a. */
function sourceOf(position: number, pad: number, a: number, dilation: number, stride: number) {
  const shifted = position + pad - a * dilation;
  return shifted % stride === 0 ? shifted / stride : -1;
}

export const conv2dTranspose: ConvKernels["conv2dTranspose"] = (y, weight, geometry, out) => {
  const { batch, groups, inChannels, outChannels, height, width, outHeight, outWidth } = geometry;
  const {
    kernelHeight: kh,
    kernelWidth: kw,
    strideHeight,
    strideWidth,
    padTop,
    padLeft,
  } = geometry;
  const { dilationHeight: dh, dilationWidth: dw } = geometry;
  const groupIn = inChannels / groups;
  const groupOut = outChannels / groups;
  let at = 0;
  for (let n = 0; n < batch; n++)
    for (let channel = 0; channel < inChannels; channel++) {
      const group = Math.floor(channel / groupIn);
      const c = channel - group * groupIn;
      for (let h = 0; h < height; h++)
        for (let w = 0; w < width; w++, at++) {
          let sum = 0;
          for (let a = 0; a < kh; a++) {
            const i = sourceOf(h, padTop, a, dh, strideHeight);
            if (i < 0 || i >= outHeight) continue;
            for (let b = 0; b < kw; b++) {
              const j = sourceOf(w, padLeft, b, dw, strideWidth);
              if (j < 0 || j >= outWidth) continue;
              for (let o = group * groupOut; o < (group + 1) * groupOut; o++)
                sum +=
                  weight[((o * groupIn + c) * kh + a) * kw + b]! *
                  y[((n * outChannels + o) * outHeight + i) * outWidth + j]!;
            }
          }
          out[at] = sum;
        }
    }
};

export const conv2dWeight: ConvKernels["conv2dWeight"] = (x, y, geometry, out) => {
  const { batch, groups, inChannels, outChannels, height, width, outHeight, outWidth } = geometry;
  const {
    kernelHeight: kh,
    kernelWidth: kw,
    strideHeight,
    strideWidth,
    padTop,
    padLeft,
  } = geometry;
  const { dilationHeight: dh, dilationWidth: dw } = geometry;
  const groupIn = inChannels / groups;
  const groupOut = outChannels / groups;
  let at = 0;
  for (let o = 0; o < outChannels; o++)
    for (let c = 0; c < groupIn; c++) {
      const channel = Math.floor(o / groupOut) * groupIn + c;
      for (let a = 0; a < kh; a++)
        for (let b = 0; b < kw; b++, at++) {
          let sum = 0;
          for (let n = 0; n < batch; n++) {
            const plane = (n * inChannels + channel) * height;
            const outputs = (n * outChannels + o) * outHeight;
            for (let i = 0; i < outHeight; i++) {
              const h = i * strideHeight - padTop + a * dh;
              if (h < 0 || h >= height) continue;
              for (let j = 0; j < outWidth; j++) {
                const w = j * strideWidth - padLeft + b * dw;
                if (w >= 0 && w < width)
                  sum += y[(outputs + i) * outWidth + j]! * x[(plane + h) * width + w]!;
              }
            }
          }
          out[at] = sum;
        }
    }
};
