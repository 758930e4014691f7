// Matmul GFLOP/s of gradus native/wasm/js against numpy/OpenBLAS, TF.js wasm and jax-js in the same run.
// Peers and gradus are measured in alternation over 3 rounds (the machine is shared, so load drifts):
// values are medians over rounds, ratios the median of each round's gradus ÷ peer (above 1: faster).
import { availableParallelism } from "node:os";
import { availableBackends, setBackend, setNumThreads, type BackendName } from "../src/node.js";
import { gradusMatmul } from "./matmul-gradus.js";
import {
  jaxMatmul,
  numpyMatmul,
  randomMatrix,
  tfjsWasmMatmul,
  type PeerResult,
} from "./matmul-peers.js";
import { median, type BenchRow, type BenchSuite } from "./suite.js";

const SUITE = "matmul";
const ROUNDS = 3;
type DType = "float32" | "float64";

interface Runner {
  readonly name: string;
  readonly note: string;
  /** The peer this runner's ratio is taken against. */
  readonly peer?: string;
  measure(): Promise<PeerResult> | PeerResult;
}

interface Workload {
  readonly title: string;
  readonly runners: readonly Runner[];
}

function gradus(
  backend: BackendName,
  n: number,
  dtype: DType,
  threads: number,
  peer: string,
  output: "fresh" | "reused" = "fresh",
): Runner {
  // wasm is single-threaded unless asked: its threaded runs get their own name.
  const suffix =
    output === "reused" ? "-kernel" : backend === "wasm" && threads > 1 ? "-threads" : "";
  const note = `${threads} thread(s)${output === "reused" ? ", kernel into a reused output" : ""}`;
  return {
    name: `gradus-${backend}${suffix}`,
    note,
    peer,
    measure: async () => ({ gflops: await gradusMatmul(backend, n, dtype, threads, output), note }),
  };
}

function peers(n: number, dtype: DType, threads: number): Runner[] {
  const a = randomMatrix(n, 1);
  const b = randomMatrix(n, 2);
  const runners: Runner[] = [
    { name: "numpy-openblas", note: "", measure: () => numpyMatmul(n, dtype, threads) },
  ];
  if (dtype === "float32") {
    runners.push({ name: "tfjs-wasm", note: "", measure: () => tfjsWasmMatmul(n, a, b) });
    runners.push({ name: "jax-js-wasm", note: "", measure: () => jaxMatmul(n, a, b) });
  }
  return runners;
}

function workloads(native: boolean): Workload[] {
  const list: Workload[] = [];
  for (const [dtype, n, threads] of [
    ["float32", 512, 1],
    ["float32", 1024, 2],
    ["float64", 512, 1],
    ["float64", 1024, 2],
  ] as const) {
    const single = dtype === "float32";
    const runners = peers(n, dtype, threads);
    if (native) {
      runners.push(gradus("native", n, dtype, threads, "numpy-openblas"));
      if (single) runners.push(gradus("native", n, dtype, threads, "numpy-openblas", "reused"));
    }
    runners.push(gradus("wasm", n, dtype, 1, single ? "tfjs-wasm" : "numpy-openblas"));
    if (threads > 1)
      runners.push(gradus("wasm", n, dtype, threads, single ? "tfjs-wasm" : "numpy-openblas"));
    if (single && n <= 512) runners.push(gradus("js", n, dtype, 1, "tfjs-wasm"));
    const title = `${single ? "fp32" : "fp64"} matmul n=${n}, ${threads} thread${threads > 1 ? "s" : ""}`;
    list.push({ title, runners });
  }
  if (native) {
    const one = gradus("native", 1024, "float32", 1, "");
    list.push({
      title: "fp32 matmul n=1024, 1 thread (for the speed-up)",
      runners: [...peers(1024, "float32", 1).slice(0, 1), { ...one, peer: "numpy-openblas" }],
    });
  }
  return list;
}

/** Runs every runner of a workload ROUNDS times in alternation; one row per runner. */
async function measureWorkload({ title, runners }: Workload): Promise<BenchRow[]> {
  const results = runners.map(() => [] as PeerResult[]);
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, runner] of runners.entries()) results[i]!.push(await runner.measure());
  const rate = (result: PeerResult): number => ("skipped" in result ? NaN : result.gflops);
  return runners.map((runner, i): BenchRow => {
    const mine = results[i]!;
    const skipped = mine.find((result) => "skipped" in result);
    const note =
      skipped && "skipped" in skipped ? skipped.skipped : (mine[0] as { note: string }).note;
    const row = {
      suite: SUITE,
      workload: title,
      runner: runner.name,
      value: median(mine.map(rate)),
      unit: "GFLOP/s",
      note,
    };
    const peerIndex = runners.findIndex((other) => other.name === runner.peer);
    if (peerIndex < 0) return row;
    const ratios = mine.map((result, round) => rate(result) / rate(results[peerIndex]![round]!));
    return Number.isNaN(median([...ratios]))
      ? row
      : { ...row, ratio: { peer: runner.peer!, value: median(ratios) } };
  });
}

export const matmulSuite: BenchSuite = {
  name: SUITE,
  async run(): Promise<BenchRow[]> {
    const native = availableBackends().includes("native");
    const rows: BenchRow[] = [];
    for (const workload of workloads(native)) rows.push(...(await measureWorkload(workload)));
    const speedUp = (runner: string, single = runner): BenchRow | undefined => {
      const two = rows.find(
        (row) => row.workload === "fp32 matmul n=1024, 2 threads" && row.runner === runner,
      );
      // wasm's one-thread figure is measured in the 2-thread workload, alternating with the threaded one.
      const one = rows.find(
        (row) =>
          row.workload.startsWith(`fp32 matmul n=1024, ${runner === single ? 1 : 2} thread`) &&
          row.runner === single,
      );
      if (two === undefined || one === undefined || !(one.value > 0)) return undefined;
      const note = `${one.value.toFixed(1)} → ${two.value.toFixed(1)} GFLOP/s`;
      return {
        suite: SUITE,
        workload: "fp32 matmul n=1024, speed-up 2 threads ÷ 1",
        runner,
        value: two.value / one.value,
        unit: "×",
        note,
      };
    };
    for (const [runner, single] of [
      ["numpy-openblas", "numpy-openblas"],
      ["gradus-native", "gradus-native"],
      ["gradus-wasm-threads", "gradus-wasm"],
    ] as const) {
      const row = speedUp(runner, single);
      if (row !== undefined) rows.push(row);
    }
    setNumThreads(availableParallelism());
    setBackend(native ? "native" : "wasm");
    return rows;
  },
};
