// Node: the wasm matmul workers as worker_threads, unref'd so they never keep the process alive.
// GRADUS_WASM_THREADS=n sets the thread count until setNumThreads is called (default 1: opt-in);
// GRADUS_VERBOSE=1 prints why threads were turned off, if they are.
import { Worker } from "node:worker_threads";
import { canBlock, type ThreadHost } from "./thread-pool.js";
import { useThreadHost } from "./threading.js";

/** Lets the wasm backend run large matmuls on worker threads in this Node process (tests: overrides). */
export function useNodeWorkers(overrides: Partial<ThreadHost> = {}): void {
  const fromEnv = Number(process.env.GRADUS_WASM_THREADS);
  useThreadHost({
    spawn(source, start, onExit) {
      const worker = new Worker(source, { eval: true, workerData: start, execArgv: [] });
      worker.unref();
      worker.on("error", onExit);
      worker.on("exit", onExit);
      return { terminate: () => void worker.terminate() };
    },
    blocking: canBlock(),
    defaultThreads: Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1,
    note: (message) => {
      if (process.env.GRADUS_VERBOSE) console.error(message);
    },
    ...overrides,
  });
}
