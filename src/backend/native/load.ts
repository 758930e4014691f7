// Node-only: loads the compiled addon (native/build/Release/gradus.node) without ever throwing.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bindingProblem, type NativeBinding } from "./binding.js";

/** The addon, or why it could not be loaded. */
export type NativeLoad =
  | { readonly binding: NativeBinding; readonly path: string }
  | { readonly binding: null; readonly reason: string };

/** Where node-gyp puts the addon: src/ and dist/ sit at the same depth below the package root. */
export function addonPath(): string {
  return fileURLToPath(new URL("../../../native/build/Release/gradus.node", import.meta.url));
}

/** Loads the addon; GRADUS_NO_NATIVE=1 skips it (to test the fallback). */
export function loadNativeBinding(): NativeLoad {
  if (process.env.GRADUS_NO_NATIVE) return { binding: null, reason: "GRADUS_NO_NATIVE is set" };
  const path = addonPath();
  if (!existsSync(path)) return { binding: null, reason: `not built (${path} is missing)` };
  try {
    const binding = createRequire(import.meta.url)(path) as NativeBinding;
    const problem = bindingProblem(binding);
    return problem === null ? { binding, path } : { binding: null, reason: problem };
  } catch (error) {
    return { binding: null, reason: error instanceof Error ? error.message : String(error) };
  }
}
