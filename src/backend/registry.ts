// Which backend runs kernels: set by name, defaulting to the fastest one available (native > wasm > js).
import type { Backend } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { loadWasmBackend } from "./wasm/index.js";

export type BackendName = "js" | "wasm" | "native";

/** Every backend gradus has, available here or not. */
export const BACKEND_NAMES: readonly BackendName[] = ["js", "wasm", "native"];

/** Thrown when a backend is asked for by name but cannot run here. */
export class BackendUnavailableError extends Error {
  constructor(name: string, reason: string) {
    super(`backend "${name}" is unavailable: ${reason}`);
    this.name = "BackendUnavailableError";
  }
}

const SPEED_RANK: Record<string, number> = { js: 0, wasm: 1, native: 2 };
/** Why a backend is not registered, for setBackend's message (loaders fill in the real reason). */
const unavailable = new Map<string, string>([
  ["native", "the native addon loads only in Node (the browser entry has js and wasm)"],
  ["wasm", "this engine lacks WebAssembly SIMD, or the module is still compiling"],
]);

/** Records why the backend `name` cannot run here (e.g. the addon's load error). */
export function markUnavailable(name: BackendName, reason: string): void {
  unavailable.set(name, reason);
}
const available = new Map<string, Backend>([["js", jsBackend]]);
let current: Backend = jsBackend;
let chosenByUser = false;

function rank(backend: Backend): number {
  return SPEED_RANK[backend.name] ?? 0;
}

/**
 * Makes a backend selectable by its name. Unless `setBackend` was called, the fastest registered
 * backend becomes the active one.
 */
export function registerBackend(backend: Backend): void {
  available.set(backend.name, backend);
  if (!chosenByUser && rank(backend) >= rank(current)) current = backend;
}

loadWasmBackend(registerBackend);

/** The backend that runs kernels now. */
export function activeBackend(): Backend {
  return current;
}

/** A registered backend by name (for tests and benchmarks that compare backends side by side). */
export function backendByName(name: string): Backend | undefined {
  return available.get(name);
}

/**
 * Switches kernels to the named backend; a BackendUnavailableError says why one cannot run here
 * (e.g. the native addon's load error) or that the name is not a backend.
 * @example setBackend("js"); // the reference loops, e.g. to compare results
 */
export function setBackend(name: BackendName): void {
  const backend = available.get(name);
  if (backend === undefined) {
    const here = `available here: ${[...available.keys()].join(", ")}`;
    if (!(BACKEND_NAMES as readonly unknown[]).includes(name)) {
      const shown = typeof name === "string" ? `"${String(name).slice(0, 40)}"` : String(name);
      throw new BackendUnavailableError(
        String(name).slice(0, 40),
        `${shown} is not a backend (the backends are ${BACKEND_NAMES.join(", ")}; ${here})`,
      );
    }
    throw new BackendUnavailableError(name, `${unavailable.get(name) ?? "not loaded"} (${here})`);
  }
  current = backend;
  chosenByUser = true;
}

/** The name of the backend that runs kernels now. */
export function getBackend(): string {
  return current.name;
}

/** Names of the backends that can run here. */
export function availableBackends(): string[] {
  return [...available.keys()];
}
