// Element types and the typed arrays that store them.
import { noteAllocated, takePooled } from "./storage-pool.js";

/** The element types of tensors: float32 is the default, float64 is first-class, int32 holds indices. */
export type DType = "float32" | "float64" | "int32";

export type TypedArray = Float32Array | Float64Array | Int32Array;

/** The supported dtypes. */
export const DTYPES: readonly DType[] = ["float32", "float64", "int32"];
/** Element types that do not fit an operation; the message names the op and the dtypes. */
export class DTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DTypeError";
  }
}

/**
 * `dtype` itself when it is one gradus supports, else a DTypeError naming `op` and listing the
 * supported ones ("float16", "int64", "Float32" and "bool" are not silently turned into int32).
 */
export function checkDType(op: string, dtype: unknown): DType {
  if (dtype === "float32" || dtype === "float64" || dtype === "int32") return dtype;
  const shown = typeof dtype === "string" ? `"${dtype.slice(0, 40)}"` : String(dtype);
  throw new DTypeError(`${op}: unsupported dtype ${shown} (supported: ${DTYPES.join(", ")})`);
}
export type FloatArray = Float32Array | Float64Array;

// NOTE: V8 keeps typed arrays of ≤ 64 bytes on its heap, but every larger one gets its own off-heap
// backing store (≈ 6× the cost, and GC pressure). Small arrays are therefore carved from shared slabs,
// like Node's Buffer pool; a slab is freed when no array on it is reachable. Never reused, so zeroed.
const SLAB_BYTES = 64 * 1024;
const MAX_SLAB_ALLOCATION = 2048;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

function carve(bytes: number): [ArrayBuffer, number] {
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const offset = slabUsed;
  slabUsed += (bytes + 7) & ~7;
  return [slab, offset];
}

/** A new zero-filled typed array of `dtype` with `length` elements (its byteOffset may be non-zero). */
export function allocate(dtype: DType, length: number): TypedArray {
  const bytes = length * (dtype === "float64" ? 8 : 4);
  if (bytes <= 64 || bytes > MAX_SLAB_ALLOCATION) {
    if (dtype === "float32") return new Float32Array(length);
    if (dtype === "float64") return new Float64Array(length);
    checkDType("allocate", dtype);
    return new Int32Array(length);
  }
  const [buffer, offset] = carve(bytes);
  return typedView(dtype, buffer, offset, length);
}

/** `length` elements of `dtype` in `buffer` from byte `offset`. */
function typedView(dtype: DType, buffer: ArrayBuffer, offset: number, length: number): TypedArray {
  if (dtype === "float32") return new Float32Array(buffer, offset, length);
  if (dtype === "float64") return new Float64Array(buffer, offset, length);
  checkDType("allocate", dtype);
  return new Int32Array(buffer, offset, length);
}

/**
 * Where `allocateUninitialized` gets storage of at least `minBytes` bytes: Node registers malloc without
 * zero-fill (Buffer.allocUnsafeSlow), which saves a memset and page faults per large kernel output.
 */
let uninitializedStorage: { provide: (bytes: number) => ArrayBuffer; minBytes: number } | null =
  null;

/**
 * Installs (or, with null, removes) the provider of uninitialised storage for outputs of at least
 * `minBytes`; returns a function that puts back the previous one (tests poison the storage).
 */
export function setUninitializedStorage(
  provide: ((bytes: number) => ArrayBuffer) | null,
  minBytes = MAX_SLAB_ALLOCATION + 1,
): () => void {
  const previous = uninitializedStorage;
  uninitializedStorage = provide === null ? null : { provide, minBytes };
  return () => {
    uninitializedStorage = previous;
  };
}

/**
 * A typed array whose contents are unspecified (zeros, or whatever the memory held): only for outputs
 * a kernel writes in full (every kernel but takeAdd/scatterAdd, see Backend). Large ones may reuse a
 * buffer a backward pass proved dead (storage-pool.ts).
 */
export function allocateUninitialized(dtype: DType, length: number): TypedArray {
  const bytes = length * (dtype === "float64" ? 8 : 4);
  if (bytes <= MAX_SLAB_ALLOCATION) return allocate(dtype, length);
  const buffer =
    takePooled(bytes) ??
    (uninitializedStorage === null || bytes < uninitializedStorage.minBytes
      ? new ArrayBuffer(bytes)
      : uninitializedStorage.provide(bytes));
  noteAllocated(buffer);
  return typedView(dtype, buffer, 0, length);
}

/** The dtype a typed array stores. */
export function dtypeOf(array: TypedArray): DType {
  if (array instanceof Float32Array) return "float32";
  if (array instanceof Float64Array) return "float64";
  return "int32";
}

export function isFloating(dtype: DType): boolean {
  return dtype !== "int32";
}

/** The dtype of a result combining `a` and `b`: float64 > float32 > int32. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") return "float32";
  return "int32";
}
