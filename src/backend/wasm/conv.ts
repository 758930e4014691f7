// The wasm backend's convolutions: im2col in JS, the products on the wasm SIMD matmul (batched over
// samples), col2im in JS. Pooling stays on the js reference.
import type { Backend, StridedArray } from "../backend.js";
import type { ConvGeometry, ConvKernels } from "../conv-kernels.js";
import type { FloatArray } from "../dtype.js";

type ConvProducts = Pick<ConvKernels, "conv2d" | "conv2dTranspose" | "conv2dWeight">;

const like = (data: FloatArray, length: number): FloatArray =>
  data instanceof Float32Array ? new Float32Array(length) : new Float64Array(length);

/** Rows per group of the im2col matrix (C/groups · kH · kW) and columns per sample (OH · OW). */
function sizes(g: ConvGeometry): { rows: number; columns: number } {
  return {
    rows: (g.inChannels / g.groups) * g.kernelHeight * g.kernelWidth,
    columns: g.outHeight * g.outWidth,
  };
}

/**
 * Visits every (row, column) of one sample's im2col matrix for `group` that lies inside x: calls
 * visit(row·columns + column, offset of x) — shared by im2col (copy out) and col2im (add back).
 */
function eachTap(
  g: ConvGeometry,
  n: number,
  group: number,
  visit: (at: number, from: number) => void,
) {
  const { columns } = sizes(g);
  const groupIn = g.inChannels / g.groups;
  let row = 0;
  for (let c = 0; c < groupIn; c++) {
    const plane = (n * g.inChannels + group * groupIn + c) * g.height;
    for (let a = 0; a < g.kernelHeight; a++)
      for (let b = 0; b < g.kernelWidth; b++, row++)
        for (let i = 0; i < g.outHeight; i++) {
          const h = i * g.strideHeight - g.padTop + a * g.dilationHeight;
          if (h < 0 || h >= g.height) continue;
          for (let j = 0; j < g.outWidth; j++) {
            const w = j * g.strideWidth - g.padLeft + b * g.dilationWidth;
            if (w >= 0 && w < g.width)
              visit(row * columns + i * g.outWidth + j, (plane + h) * g.width + w);
          }
        }
  }
}

/** Every sample's im2col matrix of `group`: [batch, rows, columns], zero where windows leave x. */
function im2col(x: FloatArray, g: ConvGeometry, group: number): FloatArray {
  const { rows, columns } = sizes(g);
  const cols = like(x, g.batch * rows * columns);
  for (let n = 0; n < g.batch; n++) {
    const base = n * rows * columns;
    eachTap(g, n, group, (at, from) => (cols[base + at] = x[from]!));
  }
  return cols;
}

const view = (data: FloatArray, shape: number[], strides: number[], offset = 0): StridedArray => ({
  data,
  shape,
  strides,
  offset,
});

/** im2col kernels over a backend's batched matmul. */
export function createIm2colConv(matmul: Backend["matmul"]): ConvProducts {
  return {
    conv2d(x, weight, bias, g, out) {
      const { rows, columns } = sizes(g);
      const groupOut = g.outChannels / g.groups;
      const product = g.groups === 1 ? out : like(out, g.batch * groupOut * columns);
      for (let group = 0; group < g.groups; group++) {
        const cols = im2col(x, g, group);
        // y[n, group] = W_group [groupOut, rows] · cols[n] (the weight broadcast over samples)
        const a = view(weight, [g.batch, groupOut, rows], [0, rows, 1], group * groupOut * rows);
        matmul({
          a,
          b: view(cols, [g.batch, rows, columns], [rows * columns, columns, 1]),
          out: product,
        });
        if (g.groups > 1)
          for (let n = 0; n < g.batch; n++)
            out.set(
              product.subarray(n * groupOut * columns, (n + 1) * groupOut * columns),
              (n * g.outChannels + group * groupOut) * columns,
            );
      }
      if (bias !== null)
        for (let n = 0, at = 0; n < g.batch; n++)
          for (let o = 0; o < g.outChannels; o++)
            for (let p = 0; p < columns; p++, at++) out[at] = out[at]! + bias[o]!;
    },
    conv2dTranspose(y, weight, g, out) {
      const { rows, columns } = sizes(g);
      const groupOut = g.outChannels / g.groups;
      out.fill(0);
      const cols = like(out, g.batch * rows * columns);
      for (let group = 0; group < g.groups; group++) {
        // cols[n] = W_groupᵀ [rows, groupOut] · y[n, group] [groupOut, columns], then added back
        const a = view(weight, [g.batch, rows, groupOut], [0, 1, rows], group * groupOut * rows);
        const b = view(
          y,
          [g.batch, groupOut, columns],
          [g.outChannels * columns, columns, 1],
          group * groupOut * columns,
        );
        matmul({ a, b, out: cols });
        for (let n = 0; n < g.batch; n++) {
          const base = n * rows * columns;
          eachTap(g, n, group, (at, to) => (out[to] = out[to]! + cols[base + at]!));
        }
      }
    },
    conv2dWeight(x, y, g, out) {
      const { rows, columns } = sizes(g);
      const groupOut = g.outChannels / g.groups;
      const perSample = like(out, g.batch * rows * groupOut);
      for (let group = 0; group < g.groups; group++) {
        // W_groupᵀ = Σₙ cols[n] [rows, columns] · y[n, group]ᵀ [columns, groupOut] (the smaller
        // operand, y, is the one read transposed)
        const cols = im2col(x, g, group);
        const b = view(
          y,
          [g.batch, columns, groupOut],
          [g.outChannels * columns, 1, columns],
          group * groupOut * columns,
        );
        matmul({
          a: view(cols, [g.batch, rows, columns], [rows * columns, columns, 1]),
          b,
          out: perSample,
        });
        for (let o = 0; o < groupOut; o++)
          for (let k = 0; k < rows; k++) {
            let sum = 0;
            for (let n = 0; n < g.batch; n++) sum += perSample[(n * rows + k) * groupOut + o]!;
            out[(group * groupOut + o) * rows + k] = sum;
          }
      }
    },
  };
}
