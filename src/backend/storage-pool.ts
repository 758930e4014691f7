// Reuse of large kernel outputs that backward() proved dead. V8 counts every new ArrayBuffer as
// external memory and runs a full mark-compact for about every 64 MB of them: a CNN step allocates
// ≈ 45 MB, so the collector ran every step or two (≈ 20 % of the time). The gradients flowing through
// a backward pass die with it (only the leaves' .grad escape), so runBackward records the buffers
// allocated during the pass and hands the dead ones back here; the next allocations of the same size
// take them instead of new memory.

/** The most bytes kept waiting for reuse (beyond it, dead buffers are left to the collector). */
const MAX_POOLED_BYTES = 256 << 20;

const pool = new Map<number, ArrayBuffer[]>();
let pooledBytes = 0;
/** Bytes handed back since load (for tests). */
let handedBackBytes = 0;
/** The buffers allocated since recording started (null: not recording). */
let recorded: Set<ArrayBuffer> | null = null;
let pauses = 0;

/** A dead buffer of exactly `bytes` bytes (contents unspecified), or undefined. */
export function takePooled(bytes: number): ArrayBuffer | undefined {
  const buffers = pool.get(bytes);
  const buffer = buffers?.pop();
  if (buffer !== undefined) pooledBytes -= bytes;
  return buffer;
}

/** Notes a buffer handed out for a kernel output (recorded while a backward pass runs). */
export function noteAllocated(buffer: ArrayBuffer): void {
  if (recorded !== null && pauses === 0) recorded.add(buffer);
}

/** Starts recording allocations; false when already recording (a nested pass leaves it to the outer one). */
export function startRecording(): boolean {
  if (recorded !== null) return false;
  recorded = new Set();
  return true;
}

/**
 * Stops recording. With the buffers that escape (the leaves' gradients), every other recorded buffer
 * goes to the pool; with null (the pass failed, or its gradients keep a graph) none does.
 */
export function finishRecording(escaping: ReadonlySet<ArrayBufferLike> | null): void {
  const buffers = recorded;
  recorded = null;
  pauses = 0;
  if (buffers === null || escaping === null) return;
  for (const buffer of buffers) {
    if (escaping.has(buffer) || pooledBytes + buffer.byteLength > MAX_POOLED_BYTES) continue;
    const list = pool.get(buffer.byteLength) ?? [];
    list.push(buffer);
    pool.set(buffer.byteLength, list);
    pooledBytes += buffer.byteLength;
    handedBackBytes += buffer.byteLength;
  }
}

/**
 * Runs user code inside a backward pass (a custom op's rule, which may keep what it is given or
 * creates): its allocations are not recorded, and `kept` buffers are taken out of the record.
 */
export function outsideRecording<T>(kept: readonly ArrayBufferLike[], run: () => T): T {
  for (const buffer of kept) recorded?.delete(buffer as ArrayBuffer);
  pauses++;
  try {
    return run();
  } finally {
    pauses--;
  }
}

/** Bytes waiting for reuse now, and bytes handed back since load (for tests). */
export function storagePoolStats(): { pooled: number; handedBack: number } {
  return { pooled: pooledBytes, handedBack: handedBackBytes };
}
