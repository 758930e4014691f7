// Helpers for the backend conformance suite: every available backend, seeded random strided views.
import type { Backend, StridedArray, TypedArray } from "../../src/backend/backend.js";
import type { DType } from "../../src/backend/dtype.js";
import { jsBackend } from "../../src/backend/js/index.js";
import { registerNativeBackend } from "../../src/backend/native/index.js";
import { availableBackends, backendByName } from "../../src/backend/registry.js";

registerNativeBackend();

/** Every backend that can run here (js included, as a self-check of the harness). */
export const BACKENDS: readonly Backend[] = availableBackends().map((name) => backendByName(name)!);
export const reference = jsBackend;

/** A small seeded generator (mulberry32): tests never use Math.random. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newArray(dtype: DType, length: number): TypedArray {
  if (dtype === "float32") return new Float32Array(length);
  return dtype === "float64" ? new Float64Array(length) : new Int32Array(length);
}

/**
 * An output array full of marker bytes (0x41), as uninitialised storage may be: a kernel that skips
 * an element leaves a value no reference computes.
 */
export function garbageArray(dtype: DType, length: number): TypedArray {
  const array = newArray(dtype, length);
  new Uint8Array(array.buffer).fill(0x41);
  return array;
}

/** How a test view of a logical shape is laid out in its storage. */
export type Layout = "contiguous" | "offset" | "transposed" | "sliced" | "broadcast";
export const LAYOUTS: readonly Layout[] = [
  "contiguous",
  "offset",
  "transposed",
  "sliced",
  "broadcast",
];

/**
 * A view of `shape` with random values in [low, high) laid out as asked: with a storage offset,
 * with axes permuted (reversed), sliced out of a larger array (every other element), or with
 * stride 0 along the first axis of extent > 1 (a broadcast).
 */
export function randomView(
  random: () => number,
  dtype: DType,
  shape: readonly number[],
  layout: Layout,
  low = -2,
  high = 2,
): StridedArray {
  const rank = shape.length;
  const stored = [...shape];
  const broadcastAxis = layout === "broadcast" ? shape.findIndex((extent) => extent > 1) : -1;
  if (broadcastAxis >= 0) stored[broadcastAxis] = 1;
  const order = layout === "transposed" ? [...stored.keys()].reverse() : [...stored.keys()];
  const step = layout === "sliced" ? 2 : 1;
  const strides = new Array<number>(rank).fill(0);
  let size = step;
  for (let j = rank - 1; j >= 0; j--) {
    const axis = order[j]!;
    strides[axis] = size;
    size *= stored[axis]!;
  }
  if (broadcastAxis >= 0) strides[broadcastAxis] = 0;
  const offset = layout === "offset" || layout === "sliced" ? 3 : 0;
  const data = newArray(dtype, offset + Math.max(size, 1));
  for (let i = 0; i < data.length; i++) {
    const value = low + (high - low) * random();
    data[i] = dtype === "int32" ? Math.floor(value) : value;
  }
  return { data, shape, strides, offset };
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise (NaNs must match). */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol: number,
  label: string,
): void {
  if (actual.length !== expected.length)
    throw new Error(`${label}: length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (a === e) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e)))
      throw new Error(`${label}: element ${i} is ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

/** Edge sizes from the issue, plus a few more. */
export const EDGE_SIZES = [0, 1, 7, 17, 1023] as const;

/** Matmul operand layouts the tests cover: [transposed A, transposed B, B broadcast over the batch]. */
export const MATMUL_LAYOUTS = [
  [false, false, false],
  [true, false, false],
  [false, true, false],
  [true, true, true],
] as const;
export const FLOAT_DTYPES = ["float32", "float64"] as const;
