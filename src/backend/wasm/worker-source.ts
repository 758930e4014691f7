// The matmul worker's script (plain JavaScript, run from a string so neither Node nor a bundler has to
// find a file) and the layout of the shared control block it shares with the main thread.
import { DEPTH_BLOCK, ROW_BLOCK, TILE_ROWS } from "./matmul.js";

/** Int32 slots per worker in the control block (64 bytes, so workers never share a cache line). */
export const SLOT = 16;
/** Offsets inside a worker's slot. */
export const CONTROL = {
  /** Job number the main thread posts (Atomics.store + notify); -1 asks the worker to stop. */
  job: 0,
  /** Job number the worker finished last (Atomics.store + notify). */
  done: 1,
  /** 0 while starting, 1 once the worker has instantiated the kernels, -1 if it could not. */
  state: 2,
  /** 1 if the last job threw (e.g. a trap), else 0; written before `done`. */
  failed: 3,
  /** The PanelJob (matmul.ts): single (1/0), a, lda, b, c, mPanels, nPanels, k, ldc. */
  args: 4,
} as const;

/**
 * The worker: instantiates the kernels on the shared memory, reports ready, then sleeps on its job
 * slot (Atomics.wait) and runs each posted job's depth blocks exactly as runPanels does.
 * Node passes { module, memory, control, slot } as workerData; browsers as the first message.
 */
export const WORKER_SOURCE = `"use strict";
function serve({ module, memory, control, slot }) {
  const c = new Int32Array(control);
  const at = slot * ${SLOT};
  let kernels;
  try {
    kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
  } catch {
    Atomics.store(c, at + ${CONTROL.state}, -1);
    Atomics.notify(c, at + ${CONTROL.state});
    return;
  }
  Atomics.store(c, at + ${CONTROL.state}, 1);
  Atomics.notify(c, at + ${CONTROL.state});
  let seen = 0;
  for (;;) {
    Atomics.wait(c, at + ${CONTROL.job}, seen);
    const job = Atomics.load(c, at + ${CONTROL.job});
    if (job < 0) return;
    if (job === seen) continue;
    seen = job;
    let failed = 0;
    try {
      const [single, a, lda, b, out, mPanels, nPanels, k, ldc] = c.subarray(at + ${CONTROL.args});
      const run = single ? kernels.matmul_f32 : kernels.matmul_f64;
      const bytes = single ? 4 : 8;
      for (let p0 = 0; p0 < k; p0 += ${DEPTH_BLOCK}) {
        const depth = Math.min(${DEPTH_BLOCK}, k - p0);
        for (let i0 = 0; i0 < mPanels; i0 += ${ROW_BLOCK}) {
          const rows = i0 * ${TILE_ROWS};
          const panels = Math.min(${ROW_BLOCK}, mPanels - i0);
          run(a + rows * lda * bytes, lda, b, out + rows * ldc * bytes, panels, nPanels, k, p0, depth, ldc, p0 > 0 ? 1 : 0);
        }
      }
    } catch {
      failed = 1;
    }
    c[at + ${CONTROL.failed}] = failed;
    Atomics.store(c, at + ${CONTROL.done}, job);
    Atomics.notify(c, at + ${CONTROL.done});
  }
}
if (typeof require === "function") serve(require("node:worker_threads").workerData);
else self.onmessage = (event) => serve(event.data);
`;
