// Node-only: finds and loads the native addon without ever throwing: the binary prebuilt for this
// platform (prebuilds/<platform>-<arch>/, shipped in the package), else a local node-gyp build.
import { createRequire } from "node:module";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bindingProblem, type NativeBinding } from "./binding.js";

/** The addon, where it came from, or why no candidate could be loaded. */
export type NativeLoad =
  | { readonly binding: NativeBinding; readonly path: string; readonly source: NativeSource }
  | { readonly binding: null; readonly reason: string };

/** "prebuilt": shipped in the package for this platform; "local build": compiled on this machine. */
export type NativeSource = "prebuilt" | "local build";

/** One file to try, and what kind of binary it is. */
export interface NativeCandidate {
  readonly path: string;
  readonly source: NativeSource;
}

/** The package root: src/ and dist/ sit at the same depth below it. */
export function packageRoot(): string {
  return fileURLToPath(new URL("../../../", import.meta.url));
}

/** Where node-gyp puts the addon built on this machine (by `prepare` in a clone, or by hand). */
export function addonPath(root: string = packageRoot()): string {
  return join(root, "native", "build", "Release", "gradus.node");
}

/**
 * The files to try, in order: this platform's prebuilt N-API binaries (prebuildify's naming,
 * `prebuilds/linux-x64/node.napi.glibc.node`; N-API, so one binary serves every Node ≥ 20), then the
 * local build. Only existing files are listed.
 */
export function nativeCandidates(
  root: string = packageRoot(),
  platform: string = `${process.platform}-${process.arch}`,
): NativeCandidate[] {
  const folder = join(root, "prebuilds", platform);
  const prebuilt = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith(".node") && name.split(".").includes("napi"))
        .sort()
        .map((name) => ({ path: join(folder, name), source: "prebuilt" as const }))
    : [];
  const local = addonPath(root);
  return existsSync(local) ? [...prebuilt, { path: local, source: "local build" }] : prebuilt;
}

/** Loads one candidate, or says why it cannot serve (a failed dlopen, an out-of-date build). */
function tryLoad(candidate: NativeCandidate): NativeLoad {
  try {
    const binding = createRequire(import.meta.url)(candidate.path) as NativeBinding;
    const problem = bindingProblem(binding);
    if (problem === null) return { binding, ...candidate };
    return { binding: null, reason: `${candidate.path}: ${problem}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { binding: null, reason: `${candidate.path}: ${message.split("\n")[0]}` };
  }
}

/** Loads the first candidate that works; GRADUS_NO_NATIVE=1 skips the addon (to test the fallback). */
export function loadNativeBinding(root: string = packageRoot()): NativeLoad {
  if (process.env.GRADUS_NO_NATIVE) return { binding: null, reason: "GRADUS_NO_NATIVE is set" };
  const platform = `${process.platform}-${process.arch}`;
  const candidates = nativeCandidates(root, platform);
  if (candidates.length === 0) {
    const script = join(root, "scripts", "build-native.mjs");
    return {
      binding: null,
      reason: `no prebuilt binary for ${platform} and no local build (node ${script} builds one)`,
    };
  }
  const reasons: string[] = [];
  for (const candidate of candidates) {
    const load = tryLoad(candidate);
    if (load.binding !== null) return load;
    reasons.push(load.reason);
  }
  return { binding: null, reason: reasons.join("; ") };
}
