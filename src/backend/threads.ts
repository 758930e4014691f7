// The thread count for multithreaded kernels, shared by every backend that can use threads.
let threads = 0;
const listeners: ((count: number) => void)[] = [];

/**
 * Sets how many threads large kernels may use: native (default: the number of cores) and the wasm
 * backend's large matmuls (default 1; workers where SharedArrayBuffer exists, see wasm/threading.ts).
 * @example setNumThreads(1); // single-threaded timings
 */
export function setNumThreads(count: number): void {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`setNumThreads: expected a positive integer, got ${count}`);
  threads = count;
  for (const listener of listeners) listener(count);
}

/** The thread count set by `setNumThreads`, or 0 while each backend uses its own default. */
export function getNumThreads(): number {
  return threads;
}

/** Called by a threaded backend when it loads: it hears every later `setNumThreads`. */
export function onNumThreads(listener: (count: number) => void): void {
  listeners.push(listener);
  if (threads > 0) listener(threads);
}
