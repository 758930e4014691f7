// The kernel contract every backend implements (js is the reference; wasm and native must match it).
import type { ConvKernels } from "./conv-kernels.js";
import type { DType, FloatArray, TypedArray } from "./dtype.js";
import type { BinaryKernel, ReduceKernel, UnaryKernel } from "./elementwise-kernels.js";
import type { AttentionBackwardArgs, AttentionForwardArgs } from "./attention.js";
import type { NormalizationKernels } from "./normalization-kernels.js";
import type { RecurrentKernels } from "./recurrent-kernels.js";
import type { SoftmaxKernels } from "./softmax-kernels.js";
import type { OptimizerKernels } from "./optimizer-kernels.js";

/** A strided view of storage: element (i₀, i₁, …) lives at offset + Σ iₖ·strides[k]. */
export interface StridedArray {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

export type { UnaryKernel, BinaryKernel, ReduceKernel } from "./elementwise-kernels.js";

/**
 * Batched matrix product out[b] = op(A[b]) · op(B[b]) on [batch, rows, cols] strided views, plus an
 * optional bias [n] added to every row after the whole sum (linear's x·Wᵀ + b in one pass), then
 * optionally relu (the relu kernel's rule: NaN kept) on the result.
 */
export interface MatmulArgs {
  readonly a: StridedArray;
  readonly b: StridedArray;
  readonly out: TypedArray;
  readonly bias?: StridedArray | undefined;
  readonly relu?: boolean | undefined;
}

/** A sparse matrix in compressed sparse row form: row i holds values[indptr[i] … indptr[i+1]) at columns indices[…]. */
export interface CsrArrays {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array | Float64Array;
}

/**
 * The small kernel contract of ARCHITECTURE.md §4. Inputs are strided (views need no copy); outputs are
 * fresh contiguous arrays the caller allocated with the result's dtype and size. Every kernel writes
 * every element of `out` (its prior contents are unspecified: uninitialised memory in Node), except
 * takeAdd and scatterAdd, which add into an `out` the caller filled.
 */
export interface Backend
  extends NormalizationKernels, ConvKernels, RecurrentKernels, SoftmaxKernels, OptimizerKernels {
  readonly name: string;
  /**
   * out[i] = op(x[i]) elementwise, in x's logical (row-major) order; `alpha` is the parameter of the
   * kernels that take one (elu, leakyRelu) and ignored by the others.
   */
  unary(op: UnaryKernel, x: StridedArray, out: TypedArray, alpha?: number): void;
  /** out = op(a, b); a and b already have the output's shape (broadcast dims have stride 0). */
  binary(op: BinaryKernel, a: StridedArray, b: StridedArray, out: TypedArray): void;
  /** Reduces x along the sorted `axes`; out holds x.shape without those axes, row-major. */
  reduce(op: ReduceKernel, x: StridedArray, axes: readonly number[], out: TypedArray): void;
  /** Batched matmul: a is [batch, m, k], b is [batch, k, n] (any strides, batch stride may be 0), out [batch, m, n]. */
  matmul(args: MatmulArgs): void;
  /** Copies a strided view into contiguous row-major `out` (converting dtype if needed). */
  copy(x: StridedArray, out: TypedArray): void;
  /**
   * Index select: with x contiguous as [outer, axisSize, inner] and a 1-D index of length count,
   * out[o, j, i] = x[o, index[j], i] (embeddings, picking rows). Indices are already range-checked.
   */
  take(
    x: TypedArray,
    index: Int32Array,
    outer: number,
    axisSize: number,
    inner: number,
    out: TypedArray,
  ): void;
  /** The transpose of take: out[o, index[j], i] += src[o, j, i] (out pre-filled). */
  takeAdd(
    src: TypedArray,
    index: Int32Array,
    outer: number,
    axisSize: number,
    inner: number,
    out: TypedArray,
  ): void;
  /** Gather: index is [outer, count, inner]; out[o, j, i] = x[o, index[o, j, i], i] (class scores). */
  gather(
    x: TypedArray,
    index: Int32Array,
    outer: number,
    axisSize: number,
    inner: number,
    out: TypedArray,
  ): void;
  /** The transpose of gather: out[o, index[o, j, i], i] += src[o, j, i] (out pre-filled). */
  scatterAdd(
    src: TypedArray,
    index: Int32Array,
    outer: number,
    axisSize: number,
    inner: number,
    out: TypedArray,
  ): void;
  /** out[i] = cond[i] ? a[i] : b[i] on views already broadcast to the output's shape. */
  where(cond: StridedArray, a: StridedArray, b: StridedArray, out: TypedArray): void;
  /**
   * Sparse × dense: out[rows, n] = A · B with B contiguous [cols, n]. A's values, B and out share one
   * float dtype; out is overwritten.
   */
  csrMatmul(a: CsrArrays, b: TypedArray, n: number, out: TypedArray): void;
  /** Transposed sparse × dense: out[cols, n] = Aᵀ · G with G contiguous [rows, n], without forming Aᵀ. */
  csrTransposeMatmul(a: CsrArrays, g: TypedArray, n: number, out: TypedArray): void;
  /**
   * Binary cross-entropy from logits on contiguous z, y of one float dtype, in float64: losses[i] =
   * max(zᵢ, 0) − zᵢ·yᵢ + log(1 + e^{−|zᵢ|}), and σ(zᵢ) into `sigma` unless it is null.
   */
  sigmoidCrossEntropy(
    z: FloatArray,
    y: FloatArray,
    losses: Float64Array,
    sigma: Float64Array | null,
  ): void;
  /** Fused scaled dot-product attention, forward (see AttentionForwardArgs). */
  attentionForward(args: AttentionForwardArgs): void;
  /** Its backward: the gradients of Q, K, V (and of a float mask) from the saved row statistics. */
  attentionBackward(args: AttentionBackwardArgs): void;
}

export type { DType, FloatArray, TypedArray };
export type { AttentionBackwardArgs, AttentionForwardArgs } from "./attention.js";
