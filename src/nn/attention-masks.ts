// MultiheadAttention's masks (PyTorch's for that module: 1 = ignore) checked and merged into one mask
// for scaledDotProductAttention (int32 1 = take part, or float added to the scores).
import { formatShape, ShapeError } from "../tensor/errors.js";
import { where } from "../ops/where.js";
import { Tensor } from "../tensor/tensor.js";

/** The sizes the masks must fit: N batch entries, H heads, L queries, S keys. */
export interface MaskSizes {
  readonly batch: number;
  readonly heads: number;
  readonly queries: number;
  readonly keys: number;
}

/** An int32 ignore-mask (1 = ignore) turned into SDPA's take-part mask, or a float one kept. */
const toAttention = (mask: Tensor): Tensor => (mask.dtype === "int32" ? mask.eq(0) : mask);

/** attnMask [L, S] or [N·H, L, S] as a mask broadcasting to [N, H, L, S]. */
function attentionMask(mask: Tensor, sizes: MaskSizes, module: string): Tensor {
  const { batch, heads, queries, keys } = sizes;
  if (mask.rank === 2 && mask.shape[0] === queries && mask.shape[1] === keys) return mask;
  if (
    mask.rank === 3 &&
    mask.shape[0] === batch * heads &&
    mask.shape[1] === queries &&
    mask.shape[2] === keys
  )
    return mask.reshape([batch, heads, queries, keys]);
  throw new ShapeError(
    `${module}: attnMask of shape ${formatShape(mask.shape)} must be [L, S] = ${formatShape([queries, keys])} or [N·numHeads, L, S] = ${formatShape([batch * heads, queries, keys])}`,
  );
}

/** keyPaddingMask [N, S] as a mask broadcasting to [N, 1, 1, S]. */
function paddingMask(mask: Tensor, sizes: MaskSizes, module: string): Tensor {
  const { batch, keys } = sizes;
  if (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== keys)
    throw new ShapeError(
      `${module}: keyPaddingMask of shape ${formatShape(mask.shape)} must be [N, S] = ${formatShape([batch, keys])}`,
    );
  return mask.reshape([batch, 1, 1, keys]);
}

/** 1 where j ≤ i in [L, S] (int32): PyTorch's causal mask, aligned top left. */
function causal(queries: number, keys: number): Tensor {
  const data = new Int32Array(queries * keys);
  for (let i = 0; i < queries; i++)
    for (let j = 0; j <= Math.min(i, keys - 1); j++) data[i * keys + j] = 1;
  return new Tensor(data, [queries, keys]);
}

/**
 * One mask for scaledDotProductAttention from MultiheadAttention's attnMask, keyPaddingMask and
 * isCausal (combined: a pair takes part only if every mask lets it), or null when there is none.
 */
export function mergedAttentionMask(
  attnMask: Tensor | null,
  keyPaddingMask: Tensor | null,
  isCausal: boolean,
  sizes: MaskSizes,
  module: string,
): Tensor | null {
  const parts = [
    ...(attnMask === null ? [] : [toAttention(attentionMask(attnMask, sizes, module))]),
    ...(keyPaddingMask === null ? [] : [toAttention(paddingMask(keyPaddingMask, sizes, module))]),
  ];
  if (isCausal && parts.length > 0) parts.push(causal(sizes.queries, sizes.keys));
  if (parts.length === 0) return null;
  if (parts.every((part) => part.dtype === "int32"))
    return parts.reduce((merged, part) => merged.mul(part));
  // any float part: int32 parts become 0 / −∞ and everything is added
  return parts
    .map((part) => (part.dtype === "int32" ? where(part, 0, -Infinity) : part))
    .reduce((merged, part) => merged.add(part));
}
