// The functions the native addon exports, and the shared parameter block every call reads.
import type { TypedArray } from "../dtype.js";
import type { ReportedKernelNames } from "./kernel-codes.js";
import { NORMALIZATION_FUNCTIONS, type NormalizationBinding } from "./normalization-binding.js";
import { OPTIMIZER_FUNCTIONS, type OptimizerBinding } from "./optimizer-binding.js";
import { SOFTMAX_FUNCTIONS, type SoftmaxBinding } from "./native-softmax.js";

/** The addon's exports (native/src/addon.cc); numbers travel in the Float64Array given to init. */
export interface NativeBinding extends NormalizationBinding, SoftmaxBinding, OptimizerBinding {
  /** Registers the parameter block and returns the instruction set chosen for matmul. */
  init(params: Float64Array): string;
  /** Each kernel family's names in code order: the backend maps the TypeScript names to codes by name. */
  kernelNames(): ReportedKernelNames;
  /** C = A·B (+ bias when params[12] is 1, from params[13]); sizes and strides in the parameter block. */
  matmul(a: TypedArray, b: TypedArray, out: TypedArray, bias?: TypedArray): void;
  unary(x: TypedArray, out: TypedArray): void;
  binary(a: TypedArray, b: TypedArray, out: TypedArray): void;
  reduce(x: TypedArray, out: TypedArray): void;
  take(x: TypedArray, index: Int32Array, out: TypedArray): void;
  takeAdd(src: TypedArray, index: Int32Array, out: TypedArray): void;
  /** Binary cross-entropy from logits; an empty `sigma` skips σ (see Backend). */
  sigmoidCrossEntropy(
    z: TypedArray,
    y: TypedArray,
    losses: Float64Array,
    sigma: Float64Array,
  ): void;
  /** Fused attention forward: (q, k, v, mask, offsets, out, lse), sizes in the parameter block. */
  attentionForward(...arrays: TypedArray[]): void;
  /** Its backward: (q, k, v, mask, offsets, out, lse, outputGrad, dq, dk, dv, dmask). */
  attentionBackward(...arrays: TypedArray[]): void;
  /** Advises the whole 2 MiB pages inside `buffer` onto transparent huge pages (Linux); true if any. */
  adviseHugePages(buffer: ArrayBuffer): boolean;
  setNumThreads(count: number): void;
  numThreads(): number;
  /** Convolutions and pooling (conv-addon.cc): geometry in a Float64Array, see conv-backend.ts. */
  conv2d(
    x: TypedArray,
    w: TypedArray,
    bias: TypedArray,
    geometry: Float64Array,
    out: TypedArray,
  ): void;
  conv2dTranspose(y: TypedArray, w: TypedArray, geometry: Float64Array, out: TypedArray): void;
  conv2dWeight(x: TypedArray, y: TypedArray, geometry: Float64Array, out: TypedArray): void;
  maxPool2d(x: TypedArray, geometry: Float64Array, out: TypedArray, indices: Int32Array): void;
  maxUnpool2d(y: TypedArray, indices: Int32Array, geometry: Float64Array, out: TypedArray): void;
  avgPool2d(x: TypedArray, geometry: Float64Array, out: TypedArray): void;
  avgPool2dTranspose(y: TypedArray, geometry: Float64Array, out: TypedArray): void;
  /** The recurrent step kernels: numbers [rows, hidden, step, one offset per array, …], then arrays. */
  lstmStep(numbers: Float64Array, ...arrays: TypedArray[]): void;
  lstmStepBackward(numbers: Float64Array, ...arrays: TypedArray[]): void;
  gruStep(numbers: Float64Array, ...arrays: TypedArray[]): void;
  gruStepBackward(numbers: Float64Array, ...arrays: TypedArray[]): void;
  rnnStep(numbers: Float64Array, ...arrays: TypedArray[]): void;
  rnnStepBackward(numbers: Float64Array, ...arrays: TypedArray[]): void;
  /** Elements a packed [k, n] right operand takes (allocate 64 bytes more: it is aligned inside). */
  packedRightSize(k: number, n: number, isFloat64: boolean): number;
  /** numbers [k, n, row stride, column stride, offset]; packs b into `out`. */
  packRight(numbers: Float64Array, b: TypedArray, out: TypedArray): void;
  /** numbers [m, k, n, row stride, column stride, offset of a]; out [m, n] = a · packed. */
  matmulPacked(numbers: Float64Array, a: TypedArray, packed: TypedArray, out: TypedArray): void;
}

/** Every function the JS side calls: an addon built from older sources lacks some of them. */
export const BINDING_FUNCTIONS = [
  "init",
  "kernelNames",
  "matmul",
  "unary",
  "binary",
  "reduce",
  "take",
  "takeAdd",
  "sigmoidCrossEntropy",
  "attentionForward",
  "attentionBackward",
  "adviseHugePages",
  "setNumThreads",
  "numThreads",
  ...NORMALIZATION_FUNCTIONS,
  ...SOFTMAX_FUNCTIONS,
  ...OPTIMIZER_FUNCTIONS,
  "conv2d",
  "conv2dTranspose",
  "conv2dWeight",
  "maxPool2d",
  "maxUnpool2d",
  "avgPool2d",
  "avgPool2dTranspose",
  "lstmStep",
  "lstmStepBackward",
  "gruStep",
  "gruStepBackward",
  "rnnStep",
  "rnnStepBackward",
  "packedRightSize",
  "packRight",
  "matmulPacked",
] as const satisfies readonly (keyof NativeBinding)[];

/** Why `binding` cannot serve as the addon (a missing function), or null when it can. */
export function bindingProblem(binding: unknown): string | null {
  const missing = BINDING_FUNCTIONS.filter(
    (name) => typeof (binding as Record<string, unknown> | null)?.[name] !== "function",
  );
  return missing.length === 0
    ? null
    : `the built addon is out of date (it lacks ${missing.join(", ")}): run npm run build:native`;
}

/** Largest rank (after merging axes) the addon's elementwise kernels accept. */
export const MAX_NATIVE_RANK = 16;

/** A view's shape and strides with extent-1 axes dropped and mergeable neighbours merged. */
export interface Coalesced {
  readonly shape: number[];
  readonly strides: number[][];
}

/**
 * Merges axes d and d+1 wherever every operand steps through them as one axis
 * (strides[d] = strides[d+1]·shape[d+1]), so most broadcasts end up rank 1 or 2.
 */
export function coalesce(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
): Coalesced {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let axis = 0; axis < shape.length; axis++) {
    const extent = shape[axis]!;
    if (extent === 1) continue;
    const last = outShape.length - 1;
    const mergeable =
      last >= 0 && strides.every((s, k) => outStrides[k]![last] === s[axis]! * extent);
    if (mergeable) {
      outShape[last] = outShape[last]! * extent;
      strides.forEach((s, k) => (outStrides[k]![last] = s[axis]!));
    } else {
      outShape.push(extent);
      strides.forEach((s, k) => outStrides[k]!.push(s[axis]!));
    }
  }
  return { shape: outShape, strides: outStrides };
}
