// Which backend runs kernels: set by name, defaulting to the fastest one available (native > wasm > js).
import type { Backend } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { loadWasmBackend } from "./wasm/index.js";

export type BackendName = "js" | "wasm" | "native";

/** Thrown when a backend is asked for by name but cannot run here. */
export class BackendUnavailableError extends Error {
  constructor(name: string, reason: string) {
    super(`backend "${name}" is unavailable: ${reason}`);
    this.name = "BackendUnavailableError";
  }
}

const SPEED_RANK: Record<string, number> = { js: 0, wasm: 1, native: 2 };
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
 * Switches kernels to the named backend.
 * @example setBackend("js"); // the reference loops, e.g. to compare results
 */
export function setBackend(name: BackendName): void {
  const backend = available.get(name);
  if (backend === undefined) {
    throw new BackendUnavailableError(name, `available: ${[...available.keys()].join(", ")}`);
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
