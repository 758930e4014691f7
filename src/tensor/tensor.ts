// The Tensor: typed-array storage viewed through dtype, shape, strides and offset; a vertex of the engine.
import type { Vertex } from "../autodiff/index.js";
import type { StridedArray } from "../backend/backend.js";
import type { DType, TypedArray } from "../backend/dtype.js";
import { dtypeOf } from "../backend/dtype.js";
import * as ops from "../ops/index.js";
import { runBackward, type BackwardOptions } from "./backward.js";
import { formatTensor, toNested, type NestedArray } from "./format.js";
import type { RowSparseGrad } from "./row-sparse-grad.js";
import { contiguousStrides, sizeOfShape } from "./shape.js";

/** How a non-leaf tensor was made: the op's name and its vector-Jacobian product. */
export interface OpRecord {
  readonly name: string;
  /**
   * One gradient per input (in input order, any broadcast shape), or null where none flows; a leaf
   * input may get a RowSparseGrad (a sparse embedding lookup, first order only).
   */
  backward(outputGrad: Tensor): readonly (Tensor | RowSparseGrad | null)[];
  /** Called once when backward() frees the graph: private buffers kept for the backward may be reused. */
  release?(): void;
}

type Operand = Tensor | number;
type Axis = number | readonly number[];

/**
 * An n-dimensional array with reverse-mode autodiff. Storage is a plain GC-managed typed array:
 * nobody calls dispose.
 * @example const x = tensor([[1, 2], [3, 4]], { requiresGrad: true }); x.mul(x).sum().backward(); x.grad; // 2x
 */
// prettier-ignore: the fluent delegations below are kept one per line.
// prettier-ignore
export class Tensor implements Vertex, StridedArray {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly size: number;
  /** Whether gradients flow to this tensor (set on leaves by the user, on results by the engine). */
  requiresGrad = false;
  /** The gradient accumulated by `backward()` (leaves only), or null. */
  grad: Tensor | null = null;
  /**
   * The gradient when it is row-sparse (only rows looked up by `nn.Embedding(…, { sparse: true })`;
   * `.grad` is then null), or null. Optimizers update only its rows.
   */
  sparseGrad: RowSparseGrad | null = null;
  /** The ordered predecessor list: the inputs of the op that made this tensor ([] for leaves). */
  inputs: readonly Tensor[] = [];
  /** The op that made this tensor, or null for a leaf. */
  op: OpRecord | null = null;

  constructor(
    readonly data: TypedArray,
    shape: readonly number[],
    strides?: readonly number[],
    readonly offset = 0,
  ) {
    this.dtype = dtypeOf(data);
    this.shape = shape.slice();
    this.strides = strides === undefined ? contiguousStrides(shape) : strides.slice();
    this.size = sizeOfShape(shape);
  }

  get rank(): number {
    return this.shape.length;
  }

  /** True for tensors not produced by a recorded op (parameters, data, detached values). */
  get isLeaf(): boolean {
    return this.op === null;
  }

  /** Nested arrays of numbers (a plain number for a 0-d tensor). */
  toArray(): NestedArray {
    return toNested(this);
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor has ${this.size} elements, expected 1`);
    return this.contiguous().data[this.contiguous().offset]!;
  }

  /** A row-major copy of the elements as a typed array of this dtype. */
  dataSync(): TypedArray {
    const flat = this.contiguous();
    return flat.data.slice(flat.offset, flat.offset + this.size);
  }

  toString(): string {
    return formatTensor(this);
  }

  /** Sets requiresGrad on a leaf (in place, returns this). */
  requiresGrad_(requires = true): this {
    if (!this.isLeaf) throw new Error(`requiresGrad_: only leaf tensors can change requiresGrad (this one came from ${this.op!.name})`);
    this.requiresGrad = requires;
    return this;
  }

  /** The same data as a new leaf without gradient history. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.strides, this.offset);
  }

  /** Backpropagates from this tensor into `.grad` of every leaf that requires gradients. */
  backward(gradient?: Tensor, options?: BackwardOptions): void {
    runBackward(this, gradient, options);
  }

  zeroGrad(): void {
    this.grad = null;
    this.sparseGrad = null;
  }

  // Fluent methods: one-line delegations to ops/ (the only tensor ↔ ops cycle, used at call time).
  contiguous(): Tensor { return ops.contiguous(this); }
  astype(dtype: DType): Tensor { return ops.astype(this, dtype); }
  add(other: Operand): Tensor { return ops.add(this, other); }
  sub(other: Operand): Tensor { return ops.sub(this, other); }
  mul(other: Operand): Tensor { return ops.mul(this, other); }
  div(other: Operand): Tensor { return ops.div(this, other); }
  pow(exponent: Operand): Tensor { return ops.pow(this, exponent); }
  neg(): Tensor { return ops.neg(this); }
  exp(): Tensor { return ops.exp(this); }
  log(): Tensor { return ops.log(this); }
  sum(axis?: Axis, keepDims = false): Tensor { return ops.sum(this, axis, keepDims); }
  matmul(other: Tensor): Tensor { return ops.matmul(this, other); }
  reshape(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  expand(shape: readonly number[]): Tensor { return ops.expand(this, shape); }
  permute(axes: readonly number[]): Tensor { return ops.permute(this, axes); }
  transpose(dim0 = -2, dim1 = -1): Tensor { return ops.transpose(this, dim0, dim1); }
  sqrt(): Tensor { return ops.sqrt(this); }
  abs(): Tensor { return ops.abs(this); }
  square(): Tensor { return ops.square(this); }
  sin(): Tensor { return ops.sin(this); }
  cos(): Tensor { return ops.cos(this); }
  tanh(): Tensor { return ops.tanh(this); }
  sigmoid(): Tensor { return ops.sigmoid(this); }
  relu(): Tensor { return ops.relu(this); }
  gelu(options?: ops.GeluOptions): Tensor { return ops.gelu(this, options); }
  silu(): Tensor { return ops.silu(this); }
  softplus(options?: ops.SoftplusOptions): Tensor { return ops.softplus(this, options); }
  logSigmoid(): Tensor { return ops.logSigmoid(this); }
  elu(alpha?: number): Tensor { return ops.elu(this, alpha); }
  leakyRelu(negativeSlope?: number): Tensor { return ops.leakyRelu(this, negativeSlope); }
  expm1(): Tensor { return ops.expm1(this); }
  log1p(): Tensor { return ops.log1p(this); }
  erf(): Tensor { return ops.erf(this); }
  erfc(): Tensor { return ops.erfc(this); }
  sign(): Tensor { return ops.sign(this); }
  clamp(min?: Operand, max?: Operand): Tensor { return ops.clamp(this, min, max); }
  maximum(other: Operand): Tensor { return ops.maximum(this, other); }
  minimum(other: Operand): Tensor { return ops.minimum(this, other); }
  eq(other: Operand): Tensor { return ops.eq(this, other); }
  ne(other: Operand): Tensor { return ops.ne(this, other); }
  lt(other: Operand): Tensor { return ops.lt(this, other); }
  le(other: Operand): Tensor { return ops.le(this, other); }
  gt(other: Operand): Tensor { return ops.gt(this, other); }
  ge(other: Operand): Tensor { return ops.ge(this, other); }
  mean(axis?: Axis, keepDims = false): Tensor { return ops.mean(this, axis, keepDims); }
  var(axis?: Axis, keepDims = false, correction = 1): Tensor { return ops.variance(this, axis, keepDims, correction); }
  std(axis?: Axis, keepDims = false, correction = 1): Tensor { return ops.std(this, axis, keepDims, correction); }
  max(axis?: Axis, keepDims = false): Tensor { return ops.max(this, axis, keepDims); }
  min(axis?: Axis, keepDims = false): Tensor { return ops.min(this, axis, keepDims); }
  argmax(axis?: number, keepDims = false): Tensor { return ops.argmax(this, axis, keepDims); }
  argmin(axis?: number, keepDims = false): Tensor { return ops.argmin(this, axis, keepDims); }
  logsumexp(axis?: Axis, keepDims = false): Tensor { return ops.logsumexp(this, axis, keepDims); }
  softmax(axis = -1): Tensor { return ops.softmax(this, axis); }
  logSoftmax(axis = -1): Tensor { return ops.logSoftmax(this, axis); }
  squeeze(axis?: Axis): Tensor { return ops.squeeze(this, axis); }
  unsqueeze(axis: number): Tensor { return ops.unsqueeze(this, axis); }
  flatten(startAxis = 0, endAxis = -1): Tensor { return ops.flatten(this, startAxis, endAxis); }
  slice(axis: number, start?: number, end?: number, step?: number): Tensor { return ops.slice(this, axis, start, end, step); }
  at(i: number): Tensor { return ops.at(this, i); }
  index(...specs: readonly ops.IndexSpec[]): Tensor { return ops.index(this, ...specs); }
  gather(axis: number, index: Tensor): Tensor { return ops.gather(this, axis, index); }
  indexSelect(axis: number, index: Tensor): Tensor { return ops.indexSelect(this, axis, index); }
}

export type { Operand, Axis };
