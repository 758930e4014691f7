// Reference batched matrix product on strided [batch, rows, cols] views (transposes are just strides),
// with the optional bias added to every row after the product, then the optional relu.
import type { Backend, MatmulArgs, StridedArray } from "../backend.js";
import type { TypedArray } from "../dtype.js";

/** out[r, j] += bias[j] for every row r of out (rows of n = bias.shape[0] values). */
export function addRowBias(out: TypedArray, bias: StridedArray): void {
  const n = bias.shape[0] ?? 0;
  const stride = bias.strides[0] ?? 1;
  for (let start = 0; start < out.length; start += n)
    for (let j = 0; j < n; j++)
      out[start + j] = out[start + j]! + bias.data[bias.offset + j * stride]!;
}

/** out = relu(out) elementwise (NaN kept, as the relu kernel). */
function reluInPlace(out: TypedArray): void {
  for (let i = 0; i < out.length; i++) {
    const value = out[i]!;
    if (!(value > 0 || value !== value)) out[i] = 0;
  }
}

/** The bias and relu of `args` applied to a finished product in `out`. */
export function epilogue({ out, bias, relu }: Omit<MatmulArgs, "a" | "b">): void {
  if (bias !== undefined) addRowBias(out, bias);
  if (relu === true) reluInPlace(out);
}

/** A matmul that adds the bias and applies relu after a product that does neither. */
export const withEpilogue =
  (product: Backend["matmul"]): Backend["matmul"] =>
  (args) => {
    const { a, b, out } = args;
    product(args.bias === undefined && args.relu !== true ? args : { a, b, out });
    epilogue(args);
  };

export function matmul(args: MatmulArgs): void {
  product(args);
  epilogue(args);
}

function product({ a, b, out }: MatmulArgs): void {
  const [batch = 1, m = 0, k = 0] = a.shape;
  const n = b.shape[2] ?? 0;
  const [batchStrideA = 0, rowStrideA = 0, colStrideA = 0] = a.strides;
  const [batchStrideB = 0, rowStrideB = 0, colStrideB = 0] = b.strides;
  const dataA = a.data;
  const dataB = b.data;
  out.fill(0);
  for (let batchIndex = 0; batchIndex < batch; batchIndex++) {
    const baseA = a.offset + batchIndex * batchStrideA;
    const baseB = b.offset + batchIndex * batchStrideB;
    const baseOut = batchIndex * m * n;
    for (let i = 0; i < m; i++) {
      const rowOut = baseOut + i * n;
      for (let p = 0; p < k; p++) {
        const scale = dataA[baseA + i * rowStrideA + p * colStrideA]!;
        // NOTE: zero scales are not skipped: 0·NaN and 0·Inf give NaN as IEEE says (and as the
        // native and wasm GEMMs, which fall back here for small products, do for large ones).
        const rowB = baseB + p * rowStrideB;
        for (let j = 0; j < n; j++)
          out[rowOut + j] = out[rowOut + j]! + scale * dataB[rowB + j * colStrideB]!;
      }
    }
  }
}
