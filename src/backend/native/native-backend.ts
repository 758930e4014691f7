// The native backend: the addon's kernels for float32/float64 at sizes where the JS↔C++ crossing pays
// off; everything else (int32, tiny tensors, unusual layouts) runs on the js reference.
import type {
  Backend,
  BinaryKernel,
  MatmulArgs,
  ReduceKernel,
  StridedArray,
  TypedArray,
  UnaryKernel,
} from "../backend.js";
import { jsBackend } from "../js/index.js";
import { epilogue } from "../js/matmul.js";
import { isContiguous } from "../js/strided.js";
import { coalesce, MAX_NATIVE_RANK, type NativeBinding } from "./binding.js";
import { kernelCodes } from "./kernel-codes.js";
import { nativeAttention } from "./native-attention.js";
import { nativeNormalization } from "./normalization-binding.js";
import { nativeOptimizer } from "./optimizer-binding.js";
import { createNativeConvKernels } from "./conv-backend.js";
import { nativeRecurrentKernels } from "./native-recurrent.js";
import { nativeSoftmax } from "./native-softmax.js";

// Below these sizes a call into the addon (≈ 0.1–0.2 µs plus argument checks) costs more than the
// js loop it replaces (measured: see README, Performance).
const MIN_ELEMENTWISE = 64;
const MIN_REDUCE = 256;
const MIN_MATMUL_WORK = 2048;

function isFloatArray(data: TypedArray): data is Float32Array | Float64Array {
  return data instanceof Float32Array || data instanceof Float64Array;
}

function sameFloatType(out: TypedArray, a: TypedArray, b: TypedArray = a): boolean {
  return (
    isFloatArray(out) && a.constructor === out.constructor && b.constructor === out.constructor
  );
}

function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/**
 * Builds the native backend over a loaded addon; throws KernelMismatchError when the addon's kernel
 * names differ from the TypeScript list (kernels are matched by name, never by position).
 */
export function createNativeBackend(binding: NativeBinding): Backend & { readonly isa: string } {
  const codes = kernelCodes(binding.kernelNames());
  const params = new Float64Array(64);
  const isa = binding.init(params);

  /** Runs unary kernel `code` on the addon; false when js should run it instead. */
  function runUnary(code: number, x: StridedArray, out: TypedArray, alpha: number): boolean {
    // NOTE: the cheap size test comes first, so tiny ops pay nothing for the native path.
    if (out.length < MIN_ELEMENTWISE || !sameFloatType(out, x.data)) return false;
    const merged = coalesce(x.shape, [x.strides]);
    const rank = merged.shape.length;
    if (rank > MAX_NATIVE_RANK) return false;
    params[0] = code;
    params[1] = rank;
    params[2] = x.offset;
    params[3] = alpha;
    for (let d = 0; d < rank; d++) {
      params[4 + d] = merged.shape[d]!;
      params[4 + rank + d] = merged.strides[0]![d]!;
    }
    binding.unary(x.data, out);
    return true;
  }

  function unary(op: UnaryKernel, x: StridedArray, out: TypedArray, alpha = 0): void {
    if (!runUnary(codes.unary[op], x, out, alpha)) jsBackend.unary(op, x, out, alpha);
  }

  function copy(x: StridedArray, out: TypedArray): void {
    if (isContiguous(x) || !runUnary(codes.copy, x, out, 0)) jsBackend.copy(x, out);
  }

  function binary(op: BinaryKernel, a: StridedArray, b: StridedArray, out: TypedArray): void {
    if (out.length < MIN_ELEMENTWISE || !sameFloatType(out, a.data, b.data))
      return jsBackend.binary(op, a, b, out);
    const merged = coalesce(a.shape, [a.strides, b.strides]);
    const rank = merged.shape.length;
    if (rank > MAX_NATIVE_RANK) return jsBackend.binary(op, a, b, out);
    params[0] = codes.binary[op];
    params[1] = rank;
    params[2] = a.offset;
    params[3] = b.offset;
    for (let d = 0; d < rank; d++) {
      params[4 + d] = merged.shape[d]!;
      params[4 + rank + d] = merged.strides[0]![d]!;
      params[4 + 2 * rank + d] = merged.strides[1]![d]!;
    }
    binding.binary(a.data, b.data, out);
  }

  function reduce(
    op: ReduceKernel,
    x: StridedArray,
    axes: readonly number[],
    out: TypedArray,
  ): void {
    if (sizeOf(x.shape) < MIN_REDUCE || !sameFloatType(out, x.data) || !isContiguous(x))
      return jsBackend.reduce(op, x, axes, out);
    const reduced = axes.filter((axis) => x.shape[axis] !== 1);
    const first = reduced.length === 0 ? x.shape.length : Math.min(...reduced);
    const last = reduced.length === 0 ? x.shape.length - 1 : Math.max(...reduced);
    for (let axis = first; axis <= last; axis++)
      if (x.shape[axis] !== 1 && !axes.includes(axis)) return jsBackend.reduce(op, x, axes, out);
    const product = (from: number, to: number): number => sizeOf(x.shape.slice(from, to));
    params[0] = codes.reduce[op];
    params[1] = x.offset;
    params[2] = product(0, first);
    params[3] = product(first, last + 1);
    params[4] = product(last + 1, x.shape.length);
    binding.reduce(x.data, out);
  }

  function matmul(args: MatmulArgs): void {
    const { a, b, out, bias, relu = false } = args;
    const [batch = 1, m = 0, k = 0] = a.shape;
    const n = b.shape[2] ?? 0;
    if (batch * m * n * k < MIN_MATMUL_WORK || !sameFloatType(out, a.data, b.data))
      return jsBackend.matmul(args);
    // the GEMM adds a contiguous bias of its own dtype as it stores the last block of each tile
    const fused = bias !== undefined && bias.strides[0] === 1 && sameFloatType(out, bias.data);
    if (bias !== undefined && !fused) {
      matmul({ a, b, out });
      return epilogue({ out, bias, relu });
    }
    params[12] = fused ? 1 : 0;
    params[13] = fused ? bias.offset : 0;
    params[14] = relu ? 1 : 0;
    params[0] = batch;
    params[1] = m;
    params[2] = k;
    params[3] = n;
    params[4] = a.offset;
    params[8] = b.offset;
    for (let axis = 0; axis < 3; axis++) {
      params[5 + axis] = a.strides[axis]!;
      params[9 + axis] = b.strides[axis]!;
    }
    if (fused) binding.matmul(a.data, b.data, out, bias.data);
    else binding.matmul(a.data, b.data, out);
  }

  type IndexKernel = Backend["take"];
  const indexKernel =
    (fallback: IndexKernel, run: NativeBinding["take"]): IndexKernel =>
    (x, index, outer, axisSize, inner, out) => {
      if (out.length < MIN_ELEMENTWISE || x.constructor !== out.constructor)
        return fallback(x, index, outer, axisSize, inner, out);
      params[0] = outer;
      params[1] = axisSize;
      params[2] = inner;
      run.call(binding, x, index, out);
    };

  const NO_SIGMA = new Float64Array(0);
  const sigmoidCrossEntropy: Backend["sigmoidCrossEntropy"] = (z, y, losses, sigma) => {
    if (z.length < MIN_ELEMENTWISE || !sameFloatType(z, y))
      return jsBackend.sigmoidCrossEntropy(z, y, losses, sigma);
    binding.sigmoidCrossEntropy(z, y, losses, sigma ?? NO_SIGMA);
  };

  return {
    ...jsBackend,
    name: "native",
    isa,
    unary,
    copy,
    binary,
    reduce,
    matmul,
    take: indexKernel(jsBackend.take, binding.take),
    takeAdd: indexKernel(jsBackend.takeAdd, binding.takeAdd),
    sigmoidCrossEntropy,
    ...nativeAttention(binding, params),
    ...nativeNormalization(binding, jsBackend),
    ...nativeOptimizer(binding, jsBackend),
    ...createNativeConvKernels(binding),
    ...nativeRecurrentKernels(binding, matmul),
    ...nativeSoftmax(binding, jsBackend),
  };
}
