// Fused scaled dot-product attention of the js backend: the reference the native kernel is checked
// against. One query row at a time in float64: scores, stable softmax, dropout, product with V.
import {
  dropoutBits,
  dropoutThreshold,
  type AttentionBackwardArgs,
  type AttentionForwardArgs,
  type AttentionProblem,
  type BatchedMatrices,
} from "../attention.js";

/**
 * Row i of batch b's masked, scaled scores into `row` (−∞ where a pair takes no part) and the
 * dropout multipliers into `keep` (1/(1 − p) or 0; all 1 without dropout); returns the row's max.
 */
function scoreRow(
  problem: AttentionProblem,
  b: number,
  i: number,
  row: Float64Array,
  keep: Float64Array,
): number {
  const { keys: S, headDim: E, query, key, mask, causal, scale, dropout } = problem;
  const q0 = query.offsets[b]! + i * query.rowStride;
  const k0 = key.offsets[b]!;
  const m0 = mask === null ? 0 : mask.offsets[b]! + i * mask.rowStride;
  const additive = mask !== null && !(mask.data instanceof Int32Array);
  const threshold = dropout === null ? 0 : dropoutThreshold(dropout.p);
  const kept = dropout === null ? 1 : 1 / (1 - dropout.p);
  let peak = -Infinity;
  for (let j = 0; j < S; j++) {
    let allowed = !(causal && j > i);
    if (allowed && mask !== null && !additive) allowed = mask.data[m0 + j * mask.colStride] !== 0;
    let x = -Infinity;
    if (allowed) {
      let dot = 0;
      const kj = k0 + j * key.rowStride;
      for (let e = 0; e < E; e++)
        dot += query.data[q0 + e * query.colStride]! * key.data[kj + e * key.colStride]!;
      x = scale * dot + (additive ? mask.data[m0 + j * mask.colStride]! : 0);
    }
    row[j] = x;
    if (x > peak) peak = x;
    const index = (b * problem.queries + i) * S + j;
    keep[j] =
      dropout === null || dropoutBits(dropout.seed[0], dropout.seed[1], index) >= threshold
        ? kept
        : 0;
  }
  return peak;
}

/** Writes `values` as row i of entry b of `target` (rows contiguous: colStride 1). */
function writeRow(target: BatchedMatrices, b: number, i: number, values: Float64Array): void {
  target.data.set(values, target.offsets[b]! + i * target.rowStride);
}

export function attentionForward(args: AttentionForwardArgs): void {
  const { batch, queries: L, keys: S, valueDim: Ev, value, out, lse } = args;
  const [row, keep] = [new Float64Array(S), new Float64Array(S)];
  const acc = new Float64Array(Ev);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < L; i++) {
      const peak = scoreRow(args, b, i, row, keep);
      acc.fill(0);
      if (peak === -Infinity) lse[b * L + i] = -Infinity;
      else {
        let total = 0;
        for (let j = 0; j < S; j++) total += row[j] = Math.exp(row[j]! - peak);
        lse[b * L + i] = peak + Math.log(total);
        for (let j = 0; j < S; j++) {
          const weight = (row[j]! / total) * keep[j]!;
          const vj = value.offsets[b]! + j * value.rowStride;
          for (let e = 0; e < Ev; e++)
            acc[e] = acc[e]! + weight * value.data[vj + e * value.colStride]!;
        }
      }
      writeRow(out, b, i, acc);
    }
}

export function attentionBackward(args: AttentionBackwardArgs): void {
  const { batch, queries: L, keys: S, headDim: E, valueDim: Ev, query, key, value } = args;
  const { out, lse, outputGrad, queryGrad, keyGrad, valueGrad, maskGrad, scale } = args;
  const [row, keep, dScores] = [new Float64Array(S), new Float64Array(S), new Float64Array(S)];
  const [dq, dk, dv] = [new Float64Array(E), new Float64Array(S * E), new Float64Array(S * Ev)];
  for (let b = 0; b < batch; b++) {
    dk.fill(0);
    dv.fill(0);
    const [k0, v0, q0] = [key.offsets[b]!, value.offsets[b]!, query.offsets[b]!];
    for (let i = 0; i < L; i++) {
      scoreRow(args, b, i, row, keep);
      const rowLse = lse[b * L + i]!;
      const g0 = outputGrad.offsets[b]! + i * outputGrad.rowStride;
      const o0 = out.offsets[b]! + i * out.rowStride;
      const gradAt = (e: number): number => outputGrad.data[g0 + e * outputGrad.colStride]!;
      let delta = 0;
      for (let e = 0; e < Ev; e++) delta += gradAt(e) * out.data[o0 + e * out.colStride]!;
      for (let j = 0; j < S; j++) {
        const p = rowLse === -Infinity ? 0 : Math.exp(row[j]! - rowLse);
        const vj = v0 + j * value.rowStride;
        let dp = 0;
        for (let e = 0; e < Ev; e++) {
          const g = gradAt(e);
          dp += g * value.data[vj + e * value.colStride]!;
          dv[j * Ev + e] = dv[j * Ev + e]! + p * keep[j]! * g;
        }
        // ∂L/∂x_ij = P_ij·(D_ij·(dO·Vᵀ)_ij − Σ_e dO_ie·O_ie)
        dScores[j] = p * (keep[j]! * dp - delta);
        if (maskGrad !== null) maskGrad[(b * L + i) * S + j] = dScores[j]!;
      }
      const qi = q0 + i * query.rowStride;
      for (let e = 0; e < E; e++) {
        let total = 0;
        for (let j = 0; j < S; j++)
          total += dScores[j]! * key.data[k0 + j * key.rowStride + e * key.colStride]!;
        dq[e] = scale * total;
        const qe = query.data[qi + e * query.colStride]!;
        for (let j = 0; j < S; j++) dk[j * E + e] = dk[j * E + e]! + scale * dScores[j]! * qe;
      }
      writeRow(queryGrad, b, i, dq);
    }
    for (let j = 0; j < S; j++) {
      writeRow(keyGrad, b, j, dk.subarray(j * E, (j + 1) * E));
      writeRow(valueGrad, b, j, dv.subarray(j * Ev, (j + 1) * Ev));
    }
  }
}
