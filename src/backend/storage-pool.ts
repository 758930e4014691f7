// Reuse of large kernel outputs that backward() proved dead. V8 counts every new ArrayBuffer as
// external memory and runs a full mark-compact for about every 64 MB of them: a CNN step allocates
// ≈ 45 MB, so the collector ran every step or two (≈ 20 % of the time). Two kinds of buffers die with
// a backward pass: the gradients flowing through it (only the leaves' .grad escape), which runBackward
// records, and the activations passed between built-in layers of an nn.Sequential, which only the
// graph holds (marked graph-only by the Sequential, handed back when backward releases the graph).
// The next allocations of the same size take them instead of new memory.

/** The most bytes kept waiting for reuse (beyond it, dead buffers are left to the collector). */
const MAX_POOLED_BYTES = 256 << 20;

const pool = new Map<number, ArrayBuffer[]>();
let pooledBytes = 0;
/** Bytes handed back since load (for tests). */
let handedBackBytes = 0;
/** Buffers that allocateUninitialized made for one array each (never a slab shared by small ones). */
const dedicated = new WeakSet<ArrayBuffer>();
/** Dedicated buffers that only a graph holds (see markGraphOnly). */
const graphOnly = new WeakSet<ArrayBufferLike>();
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
  dedicated.add(buffer);
  if (recorded !== null && pauses === 0) recorded.add(buffer);
}

/**
 * Marks the storage of tensors that nothing but the autodiff graph will ever hold (activations a
 * Sequential passes between its built-in layers): when backward() releases the graph, it hands them back.
 */
export function markGraphOnly(buffer: ArrayBufferLike): void {
  if (dedicated.has(buffer as ArrayBuffer)) graphOnly.add(buffer);
}

/** Whether markGraphOnly marked `buffer`. */
export function isGraphOnly(buffer: ArrayBufferLike): boolean {
  return graphOnly.has(buffer);
}

/** Puts dead buffers in the pool, except the escaping ones and beyond the pool's size. */
export function handBack(
  buffers: Iterable<ArrayBufferLike>,
  escaping: ReadonlySet<ArrayBufferLike>,
): void {
  for (const buffer of buffers as Iterable<ArrayBuffer>) {
    if (escaping.has(buffer) || pooledBytes + buffer.byteLength > MAX_POOLED_BYTES) continue;
    graphOnly.delete(buffer);
    const list = pool.get(buffer.byteLength) ?? [];
    list.push(buffer);
    pool.set(buffer.byteLength, list);
    pooledBytes += buffer.byteLength;
    handedBackBytes += buffer.byteLength;
  }
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
  handBack(buffers, escaping);
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
