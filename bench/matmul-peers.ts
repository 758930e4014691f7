// Matmul peers in the same run: numpy/OpenBLAS (python3 subprocess), TF.js wasm and jax-js wasm.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./suite.js";

/** A peer's result: GFLOP/s with a note, or why it was skipped. */
export type PeerResult = { gflops: number; note: string } | { skipped: string };

/** Seeded inputs shared by gradus and the JS peers (values in [-1, 1)). */
export function randomMatrix(n: number, seed: number): Float64Array {
  let state = seed >>> 0;
  return Float64Array.from({ length: n * n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2147483648 - 1;
  });
}

/** Largest relative error of a few entries of c = a·b (row-major n×n) against float64 dot products. */
export function productError(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  c: ArrayLike<number>,
  n: number,
): number {
  let worst = 0;
  for (const [i, j] of [
    [0, 0],
    [n - 1, n - 1],
    [n >> 2, n >> 1],
    [7, n - 5],
  ] as const) {
    let exact = 0;
    for (let p = 0; p < n; p++) exact += a[i * n + p]! * b[p * n + j]!;
    const error = Math.abs(c[i * n + j]! - exact) / (1 + Math.abs(exact));
    worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
  }
  return worst;
}

/**
 * Warm-up before timing, in ms: a JS runtime gives each call's fresh output never-touched memory (page
 * faults: ≈ 0.8 ms per 1 MB output here) until its collector has recycled some, so the runners
 * in this process are timed once they reach that steady state (numpy frees each output at once).
 */
const WARMUP_MS = 300;

/** Times `run` (median of `repeats` after WARMUP_MS of calls) and returns GFLOP/s for an n×n×n product. */
export async function gflops(n: number, repeats: number, run: () => unknown): Promise<number> {
  const warmupEnd = performance.now() + WARMUP_MS;
  do await run();
  while (performance.now() < warmupEnd);
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return (2 * n ** 3) / median(samples) / 1e6;
}

/** numpy's a @ b with OpenBLAS on `threads` threads (OPENBLAS_CORETYPE/L2_SIZE unset for this command). */
export function numpyMatmul(n: number, dtype: "float32" | "float64", threads: number): PeerResult {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL("./matmul-numpy.py", import.meta.url));
  const result = spawnSync("python3", [script, String(n), dtype, n >= 1024 ? "5" : "7"], {
    env,
    encoding: "utf8",
  });
  if (result.status !== 0)
    return {
      skipped: `numpy unavailable (${result.stderr.trim().split("\n").pop() ?? result.error?.message})`,
    };
  const parsed = JSON.parse(result.stdout) as {
    gflops: number;
    error: number;
    core: string;
    version: string;
  };
  if (!(parsed.error < (dtype === "float32" ? 1e-4 : 1e-12)))
    throw new Error(`numpy matmul error ${parsed.error}`);
  return {
    gflops: parsed.gflops,
    note: `numpy ${parsed.version}, OpenBLAS ${parsed.core}, ${threads} thread(s)`,
  };
}

/** TF.js 4.22 wasm backend (SIMD, threads off in Node) on the same inputs. */
export async function tfjsWasmMatmul(
  n: number,
  a: Float64Array,
  b: Float64Array,
): Promise<PeerResult> {
  const tf = await import("@tensorflow/tfjs");
  const { setWasmPaths } = await import("@tensorflow/tfjs-backend-wasm");
  setWasmPaths(
    join(dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm")), "/"),
  );
  if (!(await tf.setBackend("wasm"))) return { skipped: "tfjs wasm backend did not initialise" };
  await tf.ready();
  const ta = tf.tensor2d(Float32Array.from(a), [n, n]);
  const tb = tf.tensor2d(Float32Array.from(b), [n, n]);
  let last: Float32Array = new Float32Array(0);
  const rate = await gflops(n, n >= 1024 ? 5 : 7, async () => {
    const c = tf.matMul(ta, tb);
    last = (await c.data()) as Float32Array;
    c.dispose();
  });
  tf.dispose([ta, tb]);
  const error = productError(a, b, last, n);
  if (!(error < 1e-4)) throw new Error(`tfjs-wasm matmul error ${error}`);
  return { gflops: rate, note: "tfjs-backend-wasm 4.22 (SIMD, 1 thread)" };
}

/** jax-js 0.1.25 on its wasm device, jit-compiled matmul (its best mode). */
export async function jaxMatmul(n: number, a: Float64Array, b: Float64Array): Promise<PeerResult> {
  const jax = await import("@jax-js/jax");
  await jax.init("wasm");
  const np = jax.numpy;
  const ja = np.array(Float32Array.from(a)).reshape([n, n]);
  const jb = np.array(Float32Array.from(b)).reshape([n, n]);
  const product = jax.jit((x: typeof ja, y: typeof ja) => np.matmul(x, y));
  let last: ArrayLike<number> = [];
  const rate = await gflops(n, n >= 1024 ? 5 : 7, async () => {
    last = (await product(ja.ref, jb.ref).data()) as Float32Array;
  });
  const error = productError(a, b, last, n);
  if (!(error < 1e-4)) throw new Error(`jax-js matmul error ${error}`);
  return { gflops: rate, note: "@jax-js/jax 0.1.25 wasm, jit, 1 thread" };
}
