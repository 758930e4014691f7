// scaledDotProductAttention's probabilities and gradients written with tensor ops: the backward used
// when the backward itself is recorded (createGraph, so second derivatives flow), and a test oracle.
import { noGrad } from "../autodiff/index.js";
import { dropoutBits, dropoutThreshold, type AttentionDropout } from "../backend/attention.js";
import { allocate, type DType } from "../backend/dtype.js";
import { sizeOfShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { where } from "./where.js";

/** What the composite needs besides q, k, v: the masks, the scale and the dropout draw. */
export interface AttentionMasking {
  readonly batchShape: readonly number[];
  /** A float mask added to the scores (may require grad), or null. */
  readonly additive: Tensor | null;
  /** An int32 mask, 0 where a pair takes no part, or null. */
  readonly allowed: Tensor | null;
  readonly causal: boolean;
  readonly scale: number;
  readonly dropout: AttentionDropout | null;
}

/** 1 where j ≤ i in an [L, S] int32 matrix (PyTorch's tril of ones, aligned top left). */
function causalMask(queries: number, keys: number): Tensor {
  const data = allocate("int32", queries * keys);
  for (let i = 0; i < queries; i++)
    for (let j = 0; j <= Math.min(i, keys - 1); j++) data[i * keys + j] = 1;
  return new Tensor(data, [queries, keys]);
}

/** The dropout multipliers (0 or 1/(1 − p)) of the kernels' counter-based mask, [...batch, L, S]. */
export function dropoutMultipliers(
  dropout: AttentionDropout,
  shape: readonly number[],
  dtype: DType,
): Tensor {
  const data = allocate(dtype, sizeOfShape(shape));
  const [threshold, kept] = [dropoutThreshold(dropout.p), 1 / (1 - dropout.p)];
  for (let i = 0; i < data.length; i++)
    data[i] = dropoutBits(dropout.seed[0], dropout.seed[1], i) >= threshold ? kept : 0;
  return new Tensor(data, shape);
}

/** softmax(scale·q·kᵀ + mask) over the pairs taking part; a row with none gives 0 (PyTorch's SDPA). */
export function attentionProbabilities(
  query: Tensor,
  key: Tensor,
  masking: AttentionMasking,
): Tensor {
  let scores = query.matmul(key.transpose()).mul(masking.scale);
  if (masking.additive !== null) scores = scores.add(masking.additive);
  const [queries, keys] = scores.shape.slice(-2) as [number, number];
  if (masking.allowed !== null) scores = where(masking.allowed, scores, -Infinity);
  if (masking.causal) scores = where(causalMask(queries, keys), scores, -Infinity);
  const rowTakesPart = noGrad(() => scores.detach().max(-1, true).gt(-Infinity));
  // NOTE: a row with no pair would be NaN (−∞ − (−∞)); zeroed before and after, so no NaN leaks into gradients
  return where(rowTakesPart, where(rowTakesPart, scores, 0).logSoftmax(-1).exp(), 0);
}

/** The forward from primitives: dropout(P)·V (the fused kernel's oracle in the tests). */
export function attentionFromPrimitives(
  query: Tensor,
  key: Tensor,
  value: Tensor,
  masking: AttentionMasking,
): Tensor {
  const p = attentionProbabilities(query, key, masking);
  const dropped =
    masking.dropout === null
      ? p
      : p.mul(
          dropoutMultipliers(
            masking.dropout,
            [...masking.batchShape, ...p.shape.slice(-2)],
            p.dtype,
          ),
        );
  return dropped.matmul(value);
}

/**
 * ∂L/∂q, ∂L/∂k, ∂L/∂v (and ∂L/∂mask for an additive mask) from the output gradient g, in tensor ops
 * of the inputs, so that they can be differentiated again. Batch axes are broadcast; the engine
 * sums them back to each input's shape.
 */
export function attentionGradients(
  outputGrad: Tensor,
  [query, key, value]: readonly [Tensor, Tensor, Tensor],
  masking: AttentionMasking,
): Tensor[] {
  const p = attentionProbabilities(query, key, masking);
  const drop =
    masking.dropout === null
      ? null
      : dropoutMultipliers(masking.dropout, [...masking.batchShape, ...p.shape.slice(-2)], p.dtype);
  // O = (P∘D)·V: ∂V = (P∘D)ᵀ·g, ∂P = D∘(g·Vᵀ)
  const valueGrad = (drop === null ? p : p.mul(drop)).transpose().matmul(outputGrad);
  const probabilityGrad =
    drop === null
      ? outputGrad.matmul(value.transpose())
      : outputGrad.matmul(value.transpose()).mul(drop);
  // softmax: ∂x = P∘(∂P − Σⱼ P∘∂P); x = scale·q·kᵀ + mask: ∂q = scale·∂x·k, ∂k = scale·∂xᵀ·q, ∂mask = ∂x
  const scoresGrad = p.mul(probabilityGrad.sub(p.mul(probabilityGrad).sum(-1, true)));
  const gradients = [
    scoresGrad.matmul(key).mul(masking.scale),
    scoresGrad.transpose().matmul(query).mul(masking.scale),
    valueGrad,
  ];
  return masking.additive === null ? gradients : [...gradients, scoresGrad];
}
