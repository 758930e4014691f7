// When the wasm backend runs a matmul on worker threads: with 2+ threads (setNumThreads, or the host's
// default), for products large enough to repay the hand-off, on a shared memory and worker pool built
// on first use. Panels are split in fixed blocks, so results match one thread bit for bit; on any
// failure threads are turned off with one note and the product is computed on this thread.
import type { MatmulArgs } from "../backend.js";
import { onNumThreads } from "../threads.js";
import { instantiateShared, WasmHeap, type WasmKernels } from "./instance.js";
import {
  matmulBytes,
  matmulOnHeap,
  PANEL_BYTES,
  runPanels,
  TILE_ROWS,
  type PanelJob,
} from "./matmul.js";
import { WasmWorkerPool, type ThreadHost } from "./thread-pool.js";
import { browserThreadHost } from "./web-workers.js";

// The shared memory's maximum, 1 GiB (reserved up front on 64-bit engines); larger products use one thread.
const MAX_PAGES = 16384;
// Smallest m·n·k of one product worth splitting. Measured on 2 shared vCPUs, 2 threads ÷ 1 (medians
// of 9 alternating rounds): 4.1M 0.8–1.0×, 7.1M 0.8–1.3×, 11M 1.0–1.15×, 17M 1.5×, 33M 1.5×, 1.1G 1.86×.
// Waking a worker and waiting for it costs ≈ 50 µs; staging A, B and C stays on the calling thread.
export const MIN_THREADED_WORK = 1 << 23;
const STARTUP_MS = 5_000;
const WATCHDOG_MS = 2_000;

interface Threaded {
  readonly heap: WasmHeap;
  readonly kernels: WasmKernels;
  readonly pool: WasmWorkerPool;
}

let host: ThreadHost | null = browserThreadHost();
let requested = 0;
let context: Threaded | null = null;
let off: string | null = null;
let threadedProducts = 0;
onNumThreads((count) => {
  requested = count;
});

/** Sets how this host starts workers (null: never), and forgets earlier failures and workers. */
export function useThreadHost(next: ThreadHost | null): void {
  context?.pool.dispose();
  context = null;
  off = null;
  host = next;
}

/** Threads the wasm matmul would use now, products it has run on threads, and why threads are off. */
export function wasmThreadStatus(): {
  threads: number;
  threadedProducts: number;
  off: string | null;
} {
  return { threads: threadCount(), threadedProducts, off };
}

function threadCount(): number {
  return host === null ? 1 : requested > 0 ? requested : host.defaultThreads;
}

function turnOff(reason: string): void {
  off = reason;
  context?.pool.dispose();
  context = null;
  host?.note(`gradus: wasm matmul threads off (${reason}); matmuls run on one thread`);
}

function contextFor(workers: number, current: ThreadHost): Threaded | null {
  if (context !== null && context.pool.workers === workers) return context;
  context?.pool.dispose();
  context = null;
  try {
    const { module, memory, kernels } = instantiateShared(MAX_PAGES);
    const pool = new WasmWorkerPool({
      workers,
      module,
      memory,
      spawn: current.spawn,
      blocking: current.blocking,
      startupMs: current.startupMs ?? STARTUP_MS,
      watchdogMs: current.watchdogMs ?? WATCHDOG_MS,
      ...(current.source === undefined ? {} : { source: current.source }),
    });
    context = { heap: new WasmHeap(kernels), kernels, pool };
  } catch (error) {
    turnOff(error instanceof Error ? error.message : String(error));
  }
  return context;
}

/** Splits a product's tiles into up to `parts` fixed blocks of row panels (else column panels). */
export function splitPanels(job: PanelJob, parts: number): PanelJob[] {
  const byRows = job.mPanels >= parts;
  const panels = byRows ? job.mPanels : job.nPanels;
  const size = Math.ceil(panels / Math.min(parts, panels));
  const bytes = job.single ? 4 : 8;
  const jobs: PanelJob[] = [];
  for (let first = 0; first < panels; first += size) {
    const extent = Math.min(size, panels - first);
    jobs.push(
      byRows
        ? {
            ...job,
            a: job.a + first * TILE_ROWS * job.lda * bytes,
            c: job.c + first * TILE_ROWS * job.ldc * bytes,
            mPanels: extent,
          }
        : {
            ...job,
            b: job.b + first * job.k * PANEL_BYTES,
            c: job.c + first * PANEL_BYTES,
            nPanels: extent,
          },
    );
  }
  return jobs;
}

/** Runs `args` (float operands of `out`'s type) on threads when worthwhile; false: not done here. */
export function threadedMatmul(args: MatmulArgs): boolean {
  const threads = threadCount();
  if (threads < 2 || off !== null || host === null) return false;
  const [, m = 0, k = 0] = args.a.shape;
  const n = args.b.shape[2] ?? 0;
  const bytes = args.out instanceof Float32Array ? 4 : 8;
  if (
    m * n * k < (host.minWork ?? MIN_THREADED_WORK) ||
    matmulBytes(m, k, n, bytes) > MAX_PAGES * 65536
  )
    return false;
  const current = contextFor(threads - 1, host);
  if (current === null) return false;
  const own = (job: PanelJob): void => runPanels(current.kernels, job);
  let done = false;
  try {
    done = matmulOnHeap(current.heap, args, (job) =>
      current.pool.run(splitPanels(job, threads), own),
    );
  } catch (error) {
    turnOff(error instanceof Error ? error.message : String(error));
    return false;
  }
  if (done) threadedProducts++;
  else turnOff(current.pool.broken ?? "a worker failed");
  return done;
}
