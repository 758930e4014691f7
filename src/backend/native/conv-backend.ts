// The native backend's convolution and pooling kernels (native/src/conv*.cc, pool.cc): each call sends
// its geometry as a Float64Array in the field order of the C++ ConvGeometry / PoolGeometry structs.
import type { ConvGeometry, ConvKernels, PoolGeometry } from "../conv-kernels.js";
import type { NativeBinding } from "./binding.js";

const CONV_FIELDS = [
  "batch",
  "groups",
  "inChannels",
  "outChannels",
  "height",
  "width",
  "outHeight",
  "outWidth",
  "kernelHeight",
  "kernelWidth",
  "strideHeight",
  "strideWidth",
  "padTop",
  "padLeft",
  "dilationHeight",
  "dilationWidth",
] as const satisfies readonly (keyof ConvGeometry)[];

const POOL_FIELDS = [
  "planes",
  "height",
  "width",
  "outHeight",
  "outWidth",
  "kernelHeight",
  "kernelWidth",
  "strideHeight",
  "strideWidth",
  "padTop",
  "padLeft",
  "dilationHeight",
  "dilationWidth",
] as const satisfies readonly (keyof PoolGeometry)[];

const NO_BIAS = new Float32Array(0);

/** The conv kernels over a loaded addon. */
export function createNativeConvKernels(binding: NativeBinding): ConvKernels {
  const conv = new Float64Array(CONV_FIELDS.length);
  const pool = new Float64Array(POOL_FIELDS.length + 1);
  const convGeometry = (g: ConvGeometry): Float64Array => {
    CONV_FIELDS.forEach((field, i) => (conv[i] = g[field]));
    return conv;
  };
  const poolGeometry = (g: PoolGeometry, countIncludePad = false): Float64Array => {
    POOL_FIELDS.forEach((field, i) => (pool[i] = g[field]));
    pool[POOL_FIELDS.length] = countIncludePad ? 1 : 0;
    return pool;
  };
  return {
    conv2d: (x, w, bias, g, out) => binding.conv2d(x, w, bias ?? NO_BIAS, convGeometry(g), out),
    conv2dTranspose: (y, w, g, out) => binding.conv2dTranspose(y, w, convGeometry(g), out),
    conv2dWeight: (x, y, g, out) => binding.conv2dWeight(x, y, convGeometry(g), out),
    maxPool2d: (x, g, out, indices) => binding.maxPool2d(x, poolGeometry(g), out, indices),
    maxUnpool2d: (y, indices, g, out) => binding.maxUnpool2d(y, indices, poolGeometry(g), out),
    avgPool2d: (x, g, countIncludePad, out) =>
      binding.avgPool2d(x, poolGeometry(g, countIncludePad), out),
    avgPool2dTranspose: (y, g, countIncludePad, out) =>
      binding.avgPool2dTranspose(y, poolGeometry(g, countIncludePad), out),
  };
}
