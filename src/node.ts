// The Node entry of gradus: everything in index.ts, plus the native backend when its addon loads.
// Set GRADUS_VERBOSE=1 to print the backend in use (one line on stderr); GRADUS_BACKEND picks one.
import { hugePageAdvice, registerNativeBackend } from "./backend/native/index.js";
import { useNodeStorage } from "./backend/node-storage.js";
import { getBackend, setBackend } from "./backend/registry.js";
import { useNodeWorkers } from "./backend/wasm/node-workers.js";

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
const requested = process.env.GRADUS_BACKEND;
if (requested === "js" || requested === "wasm" || requested === "native") setBackend(requested);
if (process.env.GRADUS_VERBOSE) {
  const detail = native.loaded
    ? `${native.isa}, ${native.threads} threads, ${native.source}`
    : `native unavailable: ${native.reason}`;
  console.error(`gradus: using the ${getBackend()} backend (${detail})`);
}
