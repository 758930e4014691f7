// Which backend runs kernels: set by name, defaulting to the fastest one available.
import type { Backend } from "./backend.js";
import { jsBackend } from "./js/index.js";

export type BackendName = "js" | "wasm" | "native";

/** Thrown when a backend is asked for by name but cannot run here. */
export class BackendUnavailableError extends Error {
  constructor(name: string, reason: string) {
    super(`backend "${name}" is unavailable: ${reason}`);
    this.name = "BackendUnavailableError";
  }
}

const available = new Map<string, Backend>([["js", jsBackend]]);
let current: Backend = jsBackend;

/** Makes a backend selectable by its name (backends register themselves when they load). */
export function registerBackend(backend: Backend): void {
  available.set(backend.name, backend);
}

/** The backend that runs kernels now. */
export function activeBackend(): Backend {
  return current;
}

/** Switches kernels to the named backend. */
export function setBackend(name: BackendName): void {
  const backend = available.get(name);
  if (backend === undefined) {
    throw new BackendUnavailableError(name, `available: ${[...available.keys()].join(", ")}`);
  }
  current = backend;
}

/** The name of the backend that runs kernels now. */
export function getBackend(): string {
  return current.name;
}

/** Names of the backends that can run here. */
export function availableBackends(): string[] {
  return [...available.keys()];
}
