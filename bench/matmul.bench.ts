// Matmul GFLOP/s of gradus native/wasm/js against numpy/OpenBLAS, TF.js wasm and jax-js in the same run;
// ratios are gradus GFLOP/s ÷ the peer's (above 1: gradus is faster). Every product is checked.
import { availableParallelism } from "node:os";
import {
  availableBackends,
  matmul,
  setBackend,
  setNumThreads,
  tensor,
  type BackendName,
} from "../src/node.js";
import {
  gflops,
  jaxMatmul,
  numpyMatmul,
  productError,
  randomMatrix,
  tfjsWasmMatmul,
  type PeerResult,
} from "./matmul-peers.js";
import type { BenchRow, BenchSuite } from "./suite.js";

const SUITE = "matmul";

async function gradusMatmul(
  backend: BackendName,
  n: number,
  dtype: "float32" | "float64",
  threads: number,
): Promise<number> {
  setBackend(backend);
  setNumThreads(threads);
  const a = randomMatrix(n, 1);
  const b = randomMatrix(n, 2);
  const ta = tensor(a, { dtype }).reshape([n, n]);
  const tb = tensor(b, { dtype }).reshape([n, n]);
  let last: ArrayLike<number> = [];
  const repeats = backend === "js" ? 3 : n >= 1024 ? 5 : 7;
  const rate = await gflops(n, repeats, () => (last = matmul(ta, tb).data));
  const error = productError(a, b, last, n);
  if (!(error < (dtype === "float32" ? 1e-4 : 1e-12)))
    throw new Error(`gradus ${backend} matmul n=${n} ${dtype}: error ${error}`);
  return rate;
}

function row(
  workload: string,
  runner: string,
  result: PeerResult,
  peer?: [string, PeerResult],
): BenchRow {
  if ("skipped" in result)
    return { suite: SUITE, workload, runner, value: NaN, unit: "GFLOP/s", note: result.skipped };
  const base = {
    suite: SUITE,
    workload,
    runner,
    value: result.gflops,
    unit: "GFLOP/s",
    note: result.note,
  };
  if (peer === undefined || "skipped" in peer[1]) return base;
  return { ...base, ratio: { peer: peer[0], value: result.gflops / peer[1].gflops } };
}

async function measured(
  backend: BackendName,
  n: number,
  dtype: "float32" | "float64",
  threads: number,
  note: string,
): Promise<PeerResult> {
  return { gflops: await gradusMatmul(backend, n, dtype, threads), note };
}

export const matmulSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const backends = availableBackends();
    const hasNative = backends.includes("native");
    const a512 = randomMatrix(512, 1);
    const b512 = randomMatrix(512, 2);
    const a1024 = randomMatrix(1024, 1);
    const b1024 = randomMatrix(1024, 2);

    let workload = "fp32 matmul n=512, 1 thread";
    const numpy512 = numpyMatmul(512, "float32", 1);
    const tfjs512 = await tfjsWasmMatmul(512, a512, b512);
    const jax512 = await jaxMatmul(512, a512, b512);
    rows.push(
      row(workload, "numpy-openblas", numpy512),
      row(workload, "tfjs-wasm", tfjs512),
      row(workload, "jax-js-wasm", jax512),
    );
    if (hasNative)
      rows.push(
        row(workload, "gradus-native", await measured("native", 512, "float32", 1, "1 thread"), [
          "numpy-openblas",
          numpy512,
        ]),
      );
    rows.push(
      row(workload, "gradus-wasm", await measured("wasm", 512, "float32", 1, "SIMD128"), [
        "tfjs-wasm",
        tfjs512,
      ]),
    );
    rows.push(
      row(workload, "gradus-wasm", await measured("wasm", 512, "float32", 1, "SIMD128"), [
        "jax-js-wasm",
        jax512,
      ]),
    );
    rows.push(
      row(workload, "gradus-js", await measured("js", 512, "float32", 1, "reference loops"), [
        "tfjs-wasm",
        tfjs512,
      ]),
    );

    workload = "fp32 matmul n=1024, 2 threads";
    const numpy1024 = numpyMatmul(1024, "float32", 2);
    const tfjs1024 = await tfjsWasmMatmul(1024, a1024, b1024);
    rows.push(row(workload, "numpy-openblas", numpy1024), row(workload, "tfjs-wasm", tfjs1024));
    if (hasNative)
      rows.push(
        row(workload, "gradus-native", await measured("native", 1024, "float32", 2, "2 threads"), [
          "numpy-openblas",
          numpy1024,
        ]),
      );
    rows.push(
      row(
        workload,
        "gradus-wasm",
        await measured("wasm", 1024, "float32", 1, "SIMD128, 1 thread"),
        ["tfjs-wasm", tfjs1024],
      ),
    );

    for (const [n, threads] of [
      [512, 1],
      [1024, 2],
    ] as const) {
      workload = `fp64 matmul n=${n}, ${threads} thread${threads > 1 ? "s" : ""}`;
      const numpy = numpyMatmul(n, "float64", threads);
      rows.push(row(workload, "numpy-openblas", numpy));
      if (hasNative)
        rows.push(
          row(
            workload,
            "gradus-native",
            await measured("native", n, "float64", threads, `${threads} thread(s)`),
            ["numpy-openblas", numpy],
          ),
        );
      rows.push(
        row(workload, "gradus-wasm", await measured("wasm", n, "float64", 1, "SIMD128, 1 thread"), [
          "numpy-openblas",
          numpy,
        ]),
      );
    }

    workload = "fp32 matmul n=1024, speed-up 2 threads ÷ 1";
    const numpyOne = numpyMatmul(1024, "float32", 1);
    if (!("skipped" in numpyOne) && !("skipped" in numpy1024))
      rows.push({
        suite: SUITE,
        workload,
        runner: "numpy-openblas",
        value: numpy1024.gflops / numpyOne.gflops,
        unit: "×",
        note: `${numpyOne.gflops.toFixed(1)} → ${numpy1024.gflops.toFixed(1)} GFLOP/s`,
      });
    if (hasNative) {
      const one = await gradusMatmul("native", 1024, "float32", 1);
      const two = await gradusMatmul("native", 1024, "float32", 2);
      rows.push({
        suite: SUITE,
        workload,
        runner: "gradus-native",
        value: two / one,
        unit: "×",
        note: `${one.toFixed(1)} → ${two.toFixed(1)} GFLOP/s`,
      });
    }
    setNumThreads(availableParallelism());
    setBackend(hasNative ? "native" : "wasm");
    return rows;
  },
};
