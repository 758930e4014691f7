// Loads the wasm backend for the registry: synchronously where allowed, else asynchronously.
import type { Backend } from "../backend.js";
import { instantiateAsync, instantiateSync, wasmSimdSupported } from "./instance.js";
import { createWasmBackend } from "./wasm-backend.js";

/**
 * Creates the wasm backend and hands it to `register` (at once when the engine compiles the module
 * synchronously, later otherwise); does nothing where WebAssembly SIMD is missing.
 */
export function loadWasmBackend(register: (backend: Backend) => void): void {
  if (!wasmSimdSupported()) return;
  try {
    register(createWasmBackend(instantiateSync()));
  } catch {
    instantiateAsync().then(
      (kernels) => register(createWasmBackend(kernels)),
      () => undefined,
    );
  }
}
