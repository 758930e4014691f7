// Worker threads that run matmul panel jobs on one shared wasm memory, driven through a shared control
// block with Atomics (no messages after start). Gives up, never hangs: a worker that fails to start or
// to answer in time breaks the pool, and the caller computes the product on its own thread.
import type { PanelJob } from "./matmul.js";
import { CONTROL, SLOT, WORKER_SOURCE } from "./worker-source.js";

/** What a worker is given at start (Node: workerData; browsers: the first message). */
export interface WorkerStart {
  readonly module: object;
  readonly memory: object;
  readonly control: SharedArrayBuffer;
  readonly slot: number;
}

/** Starts one worker running `source`; `onExit` is called if it dies. Must not keep a process alive. */
export type SpawnWorker = (
  source: string,
  start: WorkerStart,
  onExit: () => void,
) => { terminate(): void };

/** How a host starts workers and waits: Node (node-workers.ts) or a browser (web-workers.ts). */
export interface ThreadHost {
  readonly spawn: SpawnWorker;
  /** Whether this thread may block in Atomics.wait (not a browser's main thread): else it spins. */
  readonly blocking: boolean;
  /** Threads until setNumThreads is called (1: threads are opt-in). */
  readonly defaultThreads: number;
  /** Reports why threads were turned off, once (Node: stderr under GRADUS_VERBOSE). */
  readonly note: (message: string) => void;
  /** Overrides for tests: smallest m·n·k to split, startup and watchdog times, the worker script. */
  readonly minWork?: number;
  readonly startupMs?: number;
  readonly watchdogMs?: number;
  readonly source?: string;
}

/** True where this thread may call Atomics.wait (Node, workers; not a browser's main thread). */
export function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

export interface PoolOptions {
  readonly workers: number;
  readonly module: object;
  readonly memory: object;
  readonly spawn: SpawnWorker;
  /** Whether this thread may block in Atomics.wait (not a browser's main thread): else it spins. */
  readonly blocking: boolean;
  /** How long workers may take to start (blocking hosts wait for them on first use). */
  readonly startupMs: number;
  /** How long a worker may take beyond the main thread's own share (at least 20× that share's time). */
  readonly watchdogMs: number;
  /** The worker script (tests pass a misbehaving one). */
  readonly source?: string;
}

const now = (): number => performance.now();

/** Waits while view[index] equals `value`, until `deadline`; returns the value last seen. */
function waitWhile(
  view: Int32Array,
  index: number,
  value: number,
  deadline: number,
  blocking: boolean,
): number {
  for (;;) {
    const seen = Atomics.load(view, index);
    const left = deadline - now();
    if (seen !== value || left <= 0) return seen;
    if (blocking) Atomics.wait(view, index, value, left);
  }
}

export class WasmWorkerPool {
  private readonly control: Int32Array;
  private readonly handles: { terminate(): void }[] = [];
  private readonly started = now();
  private job = 0;
  readonly workers: number;
  /** Why the pool stopped working, or null while it works. */
  broken: string | null = null;

  constructor(private readonly options: PoolOptions) {
    this.workers = options.workers;
    this.control = new Int32Array(new SharedArrayBuffer(options.workers * SLOT * 4));
    const { module, memory } = options;
    for (let slot = 0; slot < options.workers; slot++) {
      const start = { module, memory, control: this.control.buffer as SharedArrayBuffer, slot };
      const onExit = (): void => {
        Atomics.store(this.control, slot * SLOT + CONTROL.state, -1);
      };
      this.handles.push(options.spawn(options.source ?? WORKER_SOURCE, start, onExit));
    }
  }

  /** Slots of the workers ready now (blocking hosts wait for all of them up to the startup time). */
  private readySlots(): number[] | null {
    const { workers, startupMs, blocking } = this.options;
    const ready: number[] = [];
    for (let slot = 0; slot < workers; slot++) {
      const at = slot * SLOT + CONTROL.state;
      // Blocking hosts wait for a starting worker; a browser's main thread must return to let it start.
      const deadline = blocking ? this.started + startupMs : 0;
      const state = waitWhile(this.control, at, 0, deadline, blocking);
      if (state < 0) return this.fail(`worker ${slot} could not start`);
      if (state === 0 && now() > this.started + startupMs)
        return this.fail(`worker ${slot} did not start within ${startupMs} ms`);
      if (state === 1) ready.push(slot);
    }
    return ready;
  }

  /**
   * Runs `jobs[0]` via `own` on this thread and the others on ready workers (or here, when fewer
   * are ready); true once all are done, false if the pool broke (the results are then incomplete).
   */
  run(jobs: readonly PanelJob[], own: (job: PanelJob) => void): boolean {
    const slots = this.broken === null ? this.readySlots() : null;
    if (slots === null) return false;
    this.job = this.job >= 0x7ffffff0 ? 1 : this.job + 1;
    const posted: { at: number; before: number }[] = [];
    for (const [i, job] of jobs.slice(1).entries()) {
      const slot = slots[i];
      if (slot === undefined) break;
      const at = slot * SLOT;
      const { single, a, lda, b, c, mPanels, nPanels, k, ldc } = job;
      this.control.set([single ? 1 : 0, a, lda, b, c, mPanels, nPanels, k, ldc], at + CONTROL.args);
      posted.push({ at, before: Atomics.load(this.control, at + CONTROL.done) });
      Atomics.store(this.control, at + CONTROL.job, this.job);
      Atomics.notify(this.control, at + CONTROL.job);
    }
    const start = now();
    try {
      for (const job of [jobs[0]!, ...jobs.slice(1 + posted.length)]) own(job);
    } catch (error) {
      return this.fail(`the main thread's share threw: ${String(error)}`) ?? false;
    }
    const deadline = now() + Math.max(this.options.watchdogMs, 20 * (now() - start));
    for (const { at, before } of posted) {
      const done = waitWhile(
        this.control,
        at + CONTROL.done,
        before,
        deadline,
        this.options.blocking,
      );
      if (done !== this.job)
        return (
          this.fail(
            `worker ${at / SLOT} did not answer within ${Math.round(deadline - start)} ms`,
          ) ?? false
        );
      if (this.control[at + CONTROL.failed] !== 0)
        return this.fail(`worker ${at / SLOT}'s kernel threw`) ?? false;
    }
    return true;
  }

  private fail(reason: string): null {
    this.broken ??= reason;
    this.dispose();
    return null;
  }

  /** Stops the workers (they may still be running a job; their memory must not be reused). */
  dispose(): void {
    for (let slot = 0; slot < this.options.workers; slot++) {
      Atomics.store(this.control, slot * SLOT + CONTROL.job, -1);
      Atomics.notify(this.control, slot * SLOT + CONTROL.job);
    }
    for (const handle of this.handles.splice(0)) handle.terminate();
  }
}
