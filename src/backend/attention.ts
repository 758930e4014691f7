// The fused attention kernels' arguments, and the counter-based dropout hash every backend shares.
import type { FloatArray, TypedArray } from "./dtype.js";

/**
 * A batch of strided matrices in one array: matrix b starts at offsets[b] and its element (i, j)
 * lives at offsets[b] + i·rowStride + j·colStride (views and broadcast batches need no copy).
 */
export interface BatchedMatrices<A extends TypedArray = FloatArray> {
  readonly data: A;
  readonly offsets: Float64Array;
  readonly rowStride: number;
  readonly colStride: number;
}

/** Dropout on the attention probabilities: keep(b, i, j) = dropoutBits(seed, index) ≥ threshold. */
export interface AttentionDropout {
  readonly p: number;
  readonly seed: readonly [number, number];
}

/**
 * The sizes and operands shared by forward and backward: `batch` problems of L queries [L, E],
 * S keys [S, E] and values [S, Ev]. The mask is int32 (0: the pair takes no part) or float (added
 * to the scaled scores); `causal` drops the pairs j > i.
 */
export interface AttentionProblem {
  readonly batch: number;
  readonly queries: number;
  readonly keys: number;
  readonly headDim: number;
  readonly valueDim: number;
  readonly query: BatchedMatrices;
  readonly key: BatchedMatrices;
  readonly value: BatchedMatrices;
  readonly mask: BatchedMatrices<TypedArray> | null;
  readonly causal: boolean;
  readonly scale: number;
  readonly dropout: AttentionDropout | null;
}

/**
 * Forward: out[b] = dropout(softmax(scale·Q·Kᵀ + mask)) · V ([L, Ev] per entry, its rows anywhere
 * but each row contiguous: colStride 1), and each row's log Σ exp of the masked scores into lse
 * [batch, L] (−∞ for a row with no pair taking part, whose output is 0, as PyTorch's
 * scaled_dot_product_attention gives). Every element of out is written.
 */
export interface AttentionForwardArgs extends AttentionProblem {
  readonly out: BatchedMatrices;
  readonly lse: Float64Array;
}

/**
 * Backward from the forward's out and lse and the output gradient (any strides): the gradients of
 * Q, K, V ([L, E], [S, E], [S, Ev] per entry, rows contiguous: colStride 1), and of the (float) mask
 * as contiguous [batch, L, S] when maskGrad is given. Every element of each output is written.
 */
export interface AttentionBackwardArgs extends AttentionProblem {
  readonly out: BatchedMatrices;
  readonly lse: Float64Array;
  readonly outputGrad: BatchedMatrices;
  readonly queryGrad: BatchedMatrices;
  readonly keyGrad: BatchedMatrices;
  readonly valueGrad: BatchedMatrices;
  readonly maskGrad: FloatArray | null;
}

/** lowbias32 (a 32-bit integer hash with good avalanche): one round. */
function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * 32 random bits for element `index` of a dropout mask drawn with `seed` (two words from a seeded
 * Generator): counter-based, so the backward regenerates the mask head by head instead of storing it.
 */
export function dropoutBits(seed0: number, seed1: number, index: number): number {
  const low = index >>> 0;
  const high = Math.floor(index / 4294967296) >>> 0;
  return mix32((mix32((low ^ seed0) >>> 0) + high + seed1) >>> 0);
}

/** The bits below which an element is dropped with probability p. */
export const dropoutThreshold = (p: number): number =>
  Math.min(Math.floor(p * 4294967296), 4294967295);
