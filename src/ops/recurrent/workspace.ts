// Buffers private to the recurrent primitives — gates and cell states kept from forward to backward,
// the backward's running gradients — taken from a small pool and given back when no longer needed, so
// a training step does not hand V8 tens of MB of new external memory to collect (each full collection
// it triggers costs milliseconds). Tensors handed out are never pooled here, nor are these buffers
// in backward()'s storage pool (backend/storage-pool.ts).
import { allocateUninitialized, type DType, type FloatArray } from "../../backend/dtype.js";
import { outsideRecording } from "../../backend/storage-pool.js";

/** Idle buffers by dtype and length; at most PER_SIZE of each, POOL_BYTES in all. */
const idle = new Map<string, FloatArray[]>();
const PER_SIZE = 4;
const POOL_BYTES = 256 * 2 ** 20;
let pooledBytes = 0;

const keyOf = (dtype: DType, length: number): string => `${dtype}:${length}`;

/** A buffer of `length` elements of `dtype` whose contents are unspecified (write before reading). */
export function takeBuffer(dtype: DType, length: number): FloatArray {
  const buffer = idle.get(keyOf(dtype, length))?.pop();
  // never recorded by a backward pass: this pool, not backward()'s, owns what it hands out
  if (buffer === undefined)
    return outsideRecording([], () => allocateUninitialized(dtype, length)) as FloatArray;
  pooledBytes -= buffer.byteLength;
  return buffer;
}

/** Returns buffers that nothing will read again (null entries are skipped). */
export function giveBack(...buffers: (FloatArray | null)[]): void {
  for (const buffer of buffers) {
    if (buffer === null || pooledBytes + buffer.byteLength > POOL_BYTES) continue;
    const key = keyOf(buffer instanceof Float64Array ? "float64" : "float32", buffer.length);
    const list = idle.get(key) ?? [];
    if (list.length >= PER_SIZE || list.includes(buffer)) continue;
    list.push(buffer);
    idle.set(key, list);
    pooledBytes += buffer.byteLength;
  }
}

/** A pooled buffer of zeros. */
export function takeZeros(dtype: DType, length: number): FloatArray {
  return takeBuffer(dtype, length).fill(0);
}
