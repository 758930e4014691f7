// Conformance: the normalisation kernels of every backend against js, per row (layerNorm, groupNorm
// layouts) and per channel (batchNorm, training and eval, spatial 1 and more), with and without
// weight and bias, at sizes on both sides of the native threshold; outputs start as garbage.
import { test } from "node:test";
import type { Backend, FloatArray } from "../../src/backend/backend.js";
import type { ChannelNormShape, RowNormShape } from "../../src/backend/normalization-kernels.js";
import {
  assertClose,
  BACKENDS,
  FLOAT_DTYPES,
  garbageArray,
  newArray,
  reference,
  seeded,
} from "./support.js";

type Dtype = (typeof FLOAT_DTYPES)[number];

function randomArray(random: () => number, dtype: Dtype, length: number, shift = 0): FloatArray {
  const array = newArray(dtype, length) as FloatArray;
  for (let i = 0; i < length; i++) array[i] = 4 * random() - 2 + shift;
  return array;
}

/**
 * Close to js: float64 to 1e-12, float32 to 1e-5, relative to the array's largest magnitude (the
 * inputs lie 1000 away from 0 with a spread of 4 in some cases: the centring must stay exact).
 */
function assertMatches(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  dtype: Dtype,
  label: string,
): void {
  const scale = Array.from(expected).reduce((widest, v) => Math.max(widest, Math.abs(v)), 1);
  const tolerance = dtype === "float64" ? 1e-12 : 1e-5;
  assertClose(actual, expected, tolerance, tolerance * scale, label);
}

/** [rows, length, span, channels]: layerNorm rows, groupNorm groups, tiny and above 4096 elements. */
const ROW_SHAPES: [number, number, number, number][] = [
  [1, 1, 1, 1],
  [3, 5, 1, 5],
  [2, 6, 3, 4], // groupNorm N 1, C 4, 2 groups of 2 channels × 3 positions
  [300, 17, 1, 17],
  [96, 64, 16, 16], // groupNorm N 24, C 16, 4 groups
  [130, 100, 25, 8], // groupNorm N 65, C 8, 2 groups
];
/** [batch, channels, spatial]. */
const CHANNEL_SHAPES: [number, number, number][] = [
  [2, 1, 1],
  [3, 4, 5],
  [700, 9, 1],
  [40, 130, 1],
  [16, 6, 60],
  [3, 130, 17],
];

function checkRows(backend: Backend, dtype: Dtype, random: () => number): void {
  for (const [rows, length, span, channels] of ROW_SHAPES)
    for (const [affine, offset] of [
      [true, 3],
      [false, 3],
      [true, 1000],
    ] as const) {
      const shape: RowNormShape = { rows, length, span, channels, eps: 1e-5 };
      const label = `${backend.name} ${dtype} rows ${JSON.stringify(shape)} affine ${affine} offset ${offset}`;
      const size = rows * length;
      const x = randomArray(random, dtype, size, offset);
      const weight = affine ? randomArray(random, dtype, channels) : null;
      const bias = affine ? randomArray(random, dtype, channels) : null;
      const run = (b: Backend): [FloatArray, Float64Array, Float64Array] => {
        const out = garbageArray(dtype, size) as FloatArray;
        const [mean, rstd] = [new Float64Array(rows), new Float64Array(rows)];
        b.rowNormForward(x, { weight, bias }, shape, out, mean, rstd);
        return [out, mean, rstd];
      };
      const [expected, mean, rstd] = run(reference);
      const [out, m, r] = run(backend);
      assertMatches(out, expected, dtype, `${label} out`);
      assertMatches(m, mean, "float64", `${label} mean`);
      assertMatches(r, rstd, "float64", `${label} rstd`);
      const g = randomArray(random, dtype, size);
      const gradients = (b: Backend): FloatArray[] => {
        const grads = [
          garbageArray(dtype, size),
          garbageArray(dtype, channels),
          garbageArray(dtype, channels),
        ] as FloatArray[];
        const [dx, dWeight, dBias] = grads;
        b.rowNormBackward(g, x, mean, rstd, weight, shape, {
          dx: dx!,
          dWeight: dWeight!,
          dBias: dBias!,
        });
        return grads;
      };
      const [want, got] = [gradients(reference), gradients(backend)];
      ["dx", "dWeight", "dBias"].forEach((name, i) =>
        assertMatches(got[i]!, want[i]!, dtype, `${label} ${name}`),
      );
    }
}

function checkChannels(backend: Backend, dtype: Dtype, random: () => number): void {
  for (const [batch, channels, spatial] of CHANNEL_SHAPES)
    for (const training of [true, false])
      for (const [affine, offset] of [
        [true, -1],
        [false, -1],
        [true, 1000],
      ] as const) {
        const shape: ChannelNormShape = { batch, channels, spatial, eps: 1e-3, training };
        const label = `${backend.name} ${dtype} channels ${JSON.stringify(shape)} affine ${affine} offset ${offset}`;
        const size = batch * channels * spatial;
        const x = randomArray(random, dtype, size, offset);
        const weight = affine ? randomArray(random, dtype, channels) : null;
        const bias = affine ? randomArray(random, dtype, channels) : null;
        const running = (): [Float64Array, Float64Array] => [
          Float64Array.from({ length: channels }, (_, c) => (training ? NaN : 0.1 * c - 0.5)),
          Float64Array.from({ length: channels }, (_, c) => (training ? NaN : 0.5 + 0.1 * c)),
        ];
        const run = (b: Backend): [FloatArray, Float64Array, Float64Array] => {
          const out = garbageArray(dtype, size) as FloatArray;
          const [mean, variance] = running();
          b.channelNormForward(x, { weight, bias }, shape, out, mean, variance);
          return [out, mean, variance];
        };
        const [expected, mean, variance] = run(reference);
        const [out, m, v] = run(backend);
        assertMatches(out, expected, dtype, `${label} out`);
        assertMatches(m, mean, "float64", `${label} mean`);
        assertMatches(v, variance, "float64", `${label} variance`);
        const rstd = variance.map((value) => 1 / Math.sqrt(value + 1e-3));
        const g = randomArray(random, dtype, size);
        const gradients = (b: Backend, withDx: boolean): FloatArray[] => {
          const grads = [
            garbageArray(dtype, size),
            garbageArray(dtype, channels),
            garbageArray(dtype, channels),
          ] as FloatArray[];
          const [dx, dWeight, dBias] = grads;
          b.channelNormBackward(g, x, mean, rstd, weight, shape, {
            dx: withDx ? dx! : null,
            dWeight: dWeight!,
            dBias: dBias!,
          });
          return withDx ? grads : grads.slice(1);
        };
        const [want, got] = [gradients(reference, true), gradients(backend, true)];
        ["dx", "dWeight", "dBias"].forEach((name, i) =>
          assertMatches(got[i]!, want[i]!, dtype, `${label} ${name}`),
        );
        const alone = gradients(backend, false);
        assertMatches(alone[0]!, want[1]!, dtype, `${label} dWeight without dx`);
      }
}

for (const backend of BACKENDS)
  test(`normalisation kernels match js (${backend.name})`, () => {
    const random = seeded(5);
    for (const dtype of FLOAT_DTYPES) {
      checkRows(backend, dtype, random);
      checkChannels(backend, dtype, random);
    }
  });
