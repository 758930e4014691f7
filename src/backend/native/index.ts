// Node-only: loads the native addon, registers it as "native" and wires it to setNumThreads.
import { markUnavailable, registerBackend } from "../registry.js";
import { onNumThreads } from "../threads.js";
import { loadNativeBinding, type NativeSource } from "./load.js";
import { createNativeBackend } from "./native-backend.js";

/** What loading the native backend gave: its ISA, thread count and file, or why it is unavailable. */
export type NativeStatus =
  | {
      readonly loaded: true;
      readonly isa: string;
      readonly threads: number;
      readonly path: string;
      readonly source: NativeSource;
    }
  | { readonly loaded: false; readonly reason: string };

let status: NativeStatus | null = null;
let advise: ((buffer: ArrayBuffer) => boolean) | null = null;

/** The addon's huge-page advice for large buffers, once it is loaded (null without it). */
export function hugePageAdvice(): ((buffer: ArrayBuffer) => boolean) | null {
  return advise;
}

/** Loads and registers the native backend once; never throws (the reason is returned instead). */
export function registerNativeBackend(): NativeStatus {
  if (status !== null) return status;
  const load = loadNativeBinding();
  if (load.binding === null) {
    status = { loaded: false, reason: load.reason };
    markUnavailable("native", load.reason);
    return status;
  }
  try {
    const binding = load.binding;
    const backend = createNativeBackend(binding);
    onNumThreads((count) => binding.setNumThreads(count));
    registerBackend(backend);
    advise = (buffer) => binding.adviseHugePages(buffer);
    status = {
      loaded: true,
      isa: backend.isa,
      threads: binding.numThreads(),
      path: load.path,
      source: load.source,
    };
  } catch (error) {
    status = { loaded: false, reason: error instanceof Error ? error.message : String(error) };
    markUnavailable("native", status.reason);
  }
  return status;
}
