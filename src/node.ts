// The Node entry of gradus: everything in index.ts, plus the native backend when its addon loads.
// Set GRADUS_VERBOSE=1 to print the backend in use (one line on stderr); GRADUS_BACKEND picks one.
import { hugePageAdvice, registerNativeBackend } from "./backend/native/index.js";
import { useNodeStorage } from "./backend/node-storage.js";
import { getBackend, setBackend, type BackendName } from "./backend/registry.js";
import { useNodeWorkers } from "./backend/wasm/node-workers.js";
import { loadCheckpoint, saveCheckpoint } from "./io/node/checkpoint-file.js";
import { useCheckpointFiles } from "./optim/training-state.js";

export * from "./index.js";
// In Node, `io` and `data` also read and write files (these explicit exports shadow the core ones).
export * as io from "./io/node/index.js";
export * as data from "./data/node/namespace.js";
export { svgToPng, FONT_CANDIDATES, type PngOptions, type PngResult } from "./viz/png.js";

const native = registerNativeBackend();
// Kernel outputs (which kernels write in full) come from malloc without zero-fill, as Buffer.allocUnsafe.
useNodeStorage(hugePageAdvice());
// The wasm backend's large matmuls may use worker_threads (setNumThreads(n) or GRADUS_WASM_THREADS=n).
useNodeWorkers();
// fit's `checkpoint: { path }` and `resume: path` write and read checkpoint files (atomic saves).
useCheckpointFiles({ save: saveCheckpoint, load: loadCheckpoint });
// A backend asked for by name that cannot run (or does not exist) is one line on stderr, not a crash
// of the import: the fastest available backend stays in use.
const requested = process.env.GRADUS_BACKEND;
if (requested !== undefined && requested !== "") {
  try {
    setBackend(requested as BackendName);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`gradus: GRADUS_BACKEND: ${reason}; using ${getBackend()}`);
  }
}
if (process.env.GRADUS_VERBOSE) {
  const detail = native.loaded
    ? `${native.isa}, ${native.threads} threads, ${native.source}`
    : `native unavailable: ${native.reason}`;
  console.error(`gradus: using the ${getBackend()} backend (${detail})`);
}
