// Browsers: the wasm matmul workers as Web Workers from a Blob URL, only where the page is
// cross-origin isolated (the condition for SharedArrayBuffer). A page's main thread may not block,
// so there it spins on Atomics.load while workers finish, and uses only workers that have started.
import { canBlock, type ThreadHost } from "./thread-pool.js";

interface WebWorker {
  onerror: (() => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}
interface BrowserScope {
  crossOriginIsolated?: boolean;
  Worker?: new (url: string) => WebWorker;
}

/** The browser host, or null where workers or SharedArrayBuffer are missing (e.g. Node, no COOP/COEP). */
export function browserThreadHost(): ThreadHost | null {
  const scope = globalThis as unknown as BrowserScope;
  const Worker = scope.Worker;
  if (scope.crossOriginIsolated !== true || Worker === undefined) return null;
  if (typeof SharedArrayBuffer !== "function") return null;
  return {
    spawn(source, start, onExit) {
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      const worker = new Worker(url);
      worker.onerror = onExit;
      worker.postMessage(start);
      return {
        terminate() {
          worker.terminate();
          URL.revokeObjectURL(url);
        },
      };
    },
    blocking: canBlock(),
    defaultThreads: 1,
    note: () => undefined,
  };
}
