// Reference batched matrix product on strided [batch, rows, cols] views (transposes are just strides).
import type { MatmulArgs } from "../backend.js";

export function matmul({ a, b, out }: MatmulArgs): void {
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
