// Peer runtimes for the training benchmarks: TF.js on its wasm backend, jax-js on wasm, python3+numpy.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type * as TfModule from "@tensorflow/tfjs";
import type * as JaxModule from "@jax-js/jax";

export type Tf = typeof TfModule;
export type Jax = typeof JaxModule;

/** TF.js 4.22 with its wasm backend selected (SIMD, one thread in Node), or null if it cannot start. */
export async function tfjsWasm(): Promise<Tf | null> {
  const tf = await import("@tensorflow/tfjs");
  const { setWasmPaths } = await import("@tensorflow/tfjs-backend-wasm");
  setWasmPaths(
    join(dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm")), "/"),
  );
  if (!(await tf.setBackend("wasm"))) return null;
  await tf.ready();
  return tf;
}

/** jax-js 0.1.25 initialised on its wasm device. */
export async function jaxWasm(): Promise<Jax> {
  const jax = await import("@jax-js/jax");
  await jax.init("wasm");
  return jax;
}

/** Files handed to a python peer, in a temporary folder removed by `dispose`. */
export class PythonInputs {
  readonly folder = mkdtempSync(join(tmpdir(), "gradus-bench-"));

  /** Writes the raw bytes of `array` to `name` in the folder and returns its path. */
  write(name: string, array: ArrayBufferView): string {
    const path = join(this.folder, name);
    writeFileSync(path, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return path;
  }

  /** The bytes of `name` in the folder (written back by the python peer) as an ArrayBuffer. */
  read(name: string): ArrayBuffer {
    const bytes = readFileSync(join(this.folder, name));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  dispose(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/**
 * Runs a python script of bench/ with `threads` OpenBLAS threads and returns its JSON output, or the
 * reason it could not run (python3 or numpy missing).
 */
export function runPython<T>(
  script: string,
  args: readonly string[],
  threads: number,
): T | { skipped: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const path = fileURLToPath(new URL(script, import.meta.url));
  const result = spawnSync("python3", [path, ...args], {
    env,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) {
    const reason = result.stderr?.trim().split("\n").pop() ?? result.error?.message ?? "failed";
    return { skipped: `numpy unavailable (${reason})` };
  }
  return JSON.parse(result.stdout) as T;
}

/** A python with torch: GRADUS_TORCH_PYTHON, else a venv next to the repository, or null. */
export function torchPython(): string | null {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const candidates = [
    process.env.GRADUS_TORCH_PYTHON,
    join(root, ".venv/bin/python"),
    join(root, "../torch-venv/bin/python"),
  ];
  for (const python of candidates) {
    if (python === undefined) continue;
    const probe = spawnSync(python, ["-c", "import torch"], { encoding: "utf8" });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Runs a PyTorch script of bench/ (one thread) and returns its JSON output, or why it could not. */
export function runTorch<T>(script: string, args: readonly string[]): T | { skipped: string } {
  const python = torchPython();
  if (python === null)
    return { skipped: "PyTorch not found (set GRADUS_TORCH_PYTHON to a python with torch)" };
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  const path = fileURLToPath(new URL(script, import.meta.url));
  const result = spawnSync(python, [path, ...args], { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    const reason = result.stderr?.trim().split("\n").pop() ?? result.error?.message ?? "failed";
    return { skipped: `PyTorch peer failed (${reason})` };
  }
  return JSON.parse(result.stdout) as T;
}
