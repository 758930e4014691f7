// Conformance: the convolution and pooling kernels of every backend against js — odd sizes, strides,
// dilation, groups (depthwise), asymmetric padding, deep kernels (several depth blocks), batches whose
// samples straddle register tiles. Tolerance: |error| ≤ rtol·Σ|terms| per element; outputs start as garbage.
import { describe, test } from "node:test";
import type { ConvGeometry, PoolGeometry } from "../../src/backend/conv-kernels.js";
import type { FloatArray } from "../../src/backend/dtype.js";
import { BACKENDS, FLOAT_DTYPES, garbageArray, newArray, reference, seeded } from "./support.js";

/**
 * [batch, groups, in, out, H, W, kH, kW, strideH, strideW, padTop, padLeft, dilationH, dilationW]
 * and `extra` output columns past PyTorch's size (as asymmetric "same" padding adds on the right).
 */
function conv(spec: number[], extra = 0): ConvGeometry {
  const [batch, groups, inChannels, outChannels, height, width, kh, kw, sh, sw, ph, pw, dh, dw] =
    spec as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
  const size = (n: number, k: number, s: number, p: number, d: number) =>
    Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  return {
    batch,
    groups,
    inChannels,
    outChannels,
    height,
    width,
    outHeight: size(height, kh, sh, ph, dh),
    outWidth: size(width, kw, sw, pw, dw) + extra,
    kernelHeight: kh,
    kernelWidth: kw,
    strideHeight: sh,
    strideWidth: sw,
    padTop: ph,
    padLeft: pw,
    dilationHeight: dh,
    dilationWidth: dw,
  };
}

const CONVS: readonly ConvGeometry[] = [
  conv([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1]),
  conv([2, 1, 3, 5, 7, 6, 3, 2, 1, 1, 1, 1, 1, 1]),
  conv([3, 1, 1, 32, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1]),
  conv([2, 1, 8, 17, 14, 14, 3, 3, 1, 1, 1, 1, 1, 1]),
  conv([2, 2, 6, 10, 11, 9, 3, 3, 2, 1, 1, 2, 2, 1]),
  conv([1, 4, 4, 4, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1]), // depthwise
  conv([2, 3, 6, 9, 5, 7, 1, 1, 1, 1, 0, 0, 1, 1]),
  conv([1, 1, 48, 20, 6, 6, 3, 4, 1, 1, 1, 1, 1, 1], 1), // depth 576: two depth blocks; "same"-like
  conv([3, 1, 5, 50, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1]), // one position per sample
  conv([2, 1, 3, 4, 12, 13, 5, 4, 3, 2, 2, 1, 1, 2]),
  conv([5, 1, 2, 3, 4, 4, 2, 2, 1, 2, 0, 1, 2, 1]),
  // 3×3 stride 1 with enough channels: Winograd F(2×2, 3×3) on AVX-512 (odd sizes, padding 0–2, groups)
  conv([2, 1, 32, 16, 7, 9, 3, 3, 1, 1, 1, 0, 1, 1]),
  conv([3, 2, 64, 32, 6, 5, 3, 3, 1, 1, 2, 1, 1, 1]),
  conv([1, 2, 16, 18, 9, 7, 3, 3, 1, 1, 0, 2, 1, 1]),
];

function fill(random: () => number, dtype: "float32" | "float64", length: number): FloatArray {
  const data = newArray(dtype, length) as FloatArray;
  for (let i = 0; i < length; i++) data[i] = 2 * random() - 1;
  return data;
}

/** Asserts |actual − expected| ≤ rtol·scale + tiny per element. */
function assertWithin(
  actual: FloatArray,
  expected: FloatArray,
  scale: FloatArray,
  rtol: number,
  label: string,
) {
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    if (!(error <= rtol * scale[i]! + 1e-30))
      throw new Error(
        `${label}: element ${i} is ${actual[i]}, js ${expected[i]} (scale ${scale[i]})`,
      );
  }
}

const abs = (data: FloatArray): Float64Array => Float64Array.from(data, Math.abs);

for (const backend of BACKENDS) {
  describe(`${backend.name}: convolutions match js`, () => {
    for (const dtype of FLOAT_DTYPES) {
      const rtol = dtype === "float64" ? 1e-13 : 3e-6;
      CONVS.forEach((g, index) => {
        test(`${dtype} geometry ${index}: ${JSON.stringify(Object.values(g))}`, () => {
          const random = seeded(index + 1);
          const xSize = g.batch * g.inChannels * g.height * g.width;
          const ySize = g.batch * g.outChannels * g.outHeight * g.outWidth;
          const wSize = g.outChannels * (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth;
          const [x, y, w, bias] = [xSize, ySize, wSize, g.outChannels].map((n) =>
            fill(random, dtype, n),
          ) as FloatArray[];
          const run = (kernel: "conv2d" | "conv2dTranspose" | "conv2dWeight", size: number) => {
            const out = garbageArray(dtype, size) as FloatArray;
            const expected = newArray(dtype, size) as FloatArray;
            const scale = new Float64Array(size);
            if (kernel === "conv2d") {
              backend.conv2d(x!, w!, bias!, g, out);
              reference.conv2d(x!, w!, bias!, g, expected);
              reference.conv2d(abs(x!), abs(w!), abs(bias!), g, scale);
            } else if (kernel === "conv2dTranspose") {
              backend.conv2dTranspose(y!, w!, g, out);
              reference.conv2dTranspose(y!, w!, g, expected);
              reference.conv2dTranspose(abs(y!), abs(w!), g, scale);
            } else {
              backend.conv2dWeight(x!, y!, g, out);
              reference.conv2dWeight(x!, y!, g, expected);
              reference.conv2dWeight(abs(x!), abs(y!), g, scale);
            }
            assertWithin(out, expected, scale, rtol, kernel);
          };
          run("conv2d", ySize);
          run("conv2dTranspose", xSize);
          run("conv2dWeight", wSize);
          const unbiased = garbageArray(dtype, ySize) as FloatArray;
          const expected = newArray(dtype, ySize) as FloatArray;
          const scale = new Float64Array(ySize);
          backend.conv2d(x!, w!, null, g, unbiased);
          reference.conv2d(x!, w!, null, g, expected);
          reference.conv2d(abs(x!), abs(w!), null, g, scale);
          assertWithin(unbiased, expected, scale, rtol, "conv2d without bias");
        });
      });
    }
  });
}

/** [planes, H, W, kH, kW, stride, pad, dilation, ceil] → a pooling geometry with PyTorch's sizes. */
function pool(spec: number[]): PoolGeometry {
  const [planes, height, width, kh, kw, stride, pad, dilation, ceil] = spec as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const size = (n: number, k: number) => {
    let out =
      Math.floor((n + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
    if (ceil && (out - 1) * stride >= n + pad) out--;
    return out;
  };
  return {
    planes,
    height,
    width,
    outHeight: size(height, kh),
    outWidth: size(width, kw),
    kernelHeight: kh,
    kernelWidth: kw,
    strideHeight: stride,
    strideWidth: stride,
    padTop: pad,
    padLeft: pad,
    dilationHeight: dilation,
    dilationWidth: dilation,
  };
}

const POOLS: readonly PoolGeometry[] = [
  pool([1, 1, 1, 1, 1, 1, 0, 1, 0]),
  pool([6, 28, 28, 2, 2, 2, 0, 1, 0]),
  pool([3, 7, 9, 3, 3, 2, 1, 1, 1]),
  pool([20, 13, 11, 3, 2, 3, 1, 1, 1]),
  pool([4, 10, 10, 3, 3, 1, 1, 2, 0]),
  pool([70, 17, 17, 2, 3, 2, 1, 1, 0]),
  // 2×2 at stride 2 (vector kernels): odd sizes leave a last row and column out; wide rows take
  // several vectors and a part; ceil mode overhangs the input (not the vector kernels' case)
  pool([5, 15, 9, 2, 2, 2, 0, 1, 0]),
  pool([3, 6, 70, 2, 2, 2, 0, 1, 0]),
  pool([4, 9, 33, 2, 2, 2, 0, 1, 1]),
];

/** Values from {−1, 0, 0.5, 1} (ties in most windows) and a NaN at every 37th element. */
function tiesAndNaNs(random: () => number, dtype: "float32" | "float64", size: number): FloatArray {
  const array = newArray(dtype, size) as FloatArray;
  for (let i = 0; i < size; i++)
    array[i] = i % 37 === 5 ? NaN : ([-1, 0, 0.5, 1] as const)[Math.floor(random() * 4)]!;
  return array;
}

for (const backend of BACKENDS) {
  test(`${backend.name}: 2×2 max pooling keeps the reference's positions for ties and NaNs`, () => {
    const random = seeded(99);
    for (const dtype of FLOAT_DTYPES)
      for (const g of [pool([9, 28, 28, 2, 2, 2, 0, 1, 0]), pool([7, 15, 35, 2, 2, 2, 0, 1, 0])]) {
        const inSize = g.planes * g.height * g.width;
        const outSize = g.planes * g.outHeight * g.outWidth;
        const x = tiesAndNaNs(random, dtype, inSize);
        const [maxima, expected] = [newArray(dtype, outSize), newArray(dtype, outSize)];
        const [indices, expectedIndices] = [new Int32Array(outSize), new Int32Array(outSize)];
        backend.maxPool2d(x, g, maxima as FloatArray, indices);
        reference.maxPool2d(x, g, expected as FloatArray, expectedIndices);
        for (let i = 0; i < outSize; i++) {
          if (!Object.is(maxima[i], expected[i]) || indices[i] !== expectedIndices[i])
            throw new Error(
              `${dtype} ${g.height}×${g.width}: output ${i} is ${maxima[i]} at ${indices[i]}, js ${expected[i]} at ${expectedIndices[i]}`,
            );
        }
        const y = fill(random, dtype, outSize);
        const [scattered, expectedScatter] = [garbageArray(dtype, inSize), newArray(dtype, inSize)];
        backend.maxUnpool2d(y, expectedIndices, g, scattered as FloatArray);
        reference.maxUnpool2d(y, expectedIndices, g, expectedScatter as FloatArray);
        for (let i = 0; i < inSize; i++)
          if (!Object.is(scattered[i], expectedScatter[i]))
            throw new Error(`${dtype}: maxUnpool2d element ${i} differs`);
      }
  });

  describe(`${backend.name}: pooling matches js`, () => {
    for (const dtype of FLOAT_DTYPES) {
      POOLS.forEach((g, index) => {
        test(`${dtype} pool ${index}: ${JSON.stringify(Object.values(g))}`, () => {
          const random = seeded(100 + index);
          const inSize = g.planes * g.height * g.width;
          const outSize = g.planes * g.outHeight * g.outWidth;
          const x = fill(random, dtype, inSize);
          const y = fill(random, dtype, outSize);
          const rtol = dtype === "float64" ? 1e-14 : 1e-6;
          const maxima = garbageArray(dtype, outSize) as FloatArray;
          const indices = new Int32Array(outSize).fill(-7);
          const expectedMaxima = newArray(dtype, outSize) as FloatArray;
          const expectedIndices = new Int32Array(outSize);
          backend.maxPool2d(x, g, maxima, indices);
          reference.maxPool2d(x, g, expectedMaxima, expectedIndices);
          assertWithin(
            maxima,
            expectedMaxima,
            expectedMaxima.map(() => 0) as FloatArray,
            0,
            "maxPool2d",
          );
          if (indices.some((value, i) => value !== expectedIndices[i]))
            throw new Error("maxPool2d indices differ");
          const scattered = garbageArray(dtype, inSize) as FloatArray;
          const expectedScatter = newArray(dtype, inSize) as FloatArray;
          backend.maxUnpool2d(y, expectedIndices, g, scattered);
          reference.maxUnpool2d(y, expectedIndices, g, expectedScatter);
          assertWithin(
            scattered,
            expectedScatter,
            abs(expectedScatter).map((v) => v + 1),
            rtol,
            "maxUnpool2d",
          );
          if (g.dilationHeight !== 1) return;
          for (const countIncludePad of [true, false]) {
            const means = garbageArray(dtype, outSize) as FloatArray;
            const expected = newArray(dtype, outSize) as FloatArray;
            backend.avgPool2d(x, g, countIncludePad, means);
            reference.avgPool2d(x, g, countIncludePad, expected);
            assertWithin(
              means,
              expected,
              abs(expected).map((v) => v + 1),
              rtol,
              "avgPool2d",
            );
            const spread = garbageArray(dtype, inSize) as FloatArray;
            const expectedSpread = newArray(dtype, inSize) as FloatArray;
            backend.avgPool2dTranspose(y, g, countIncludePad, spread);
            reference.avgPool2dTranspose(y, g, countIncludePad, expectedSpread);
            assertWithin(
              spread,
              expectedSpread,
              abs(expectedSpread).map((v) => v + 1),
              rtol,
              "avgPool2dTranspose",
            );
          }
        });
      });
    }
  });
}
