// Fixed cost per op on tiny tensors for each backend (allocation, graph bookkeeping, JS↔native or
// JS↔wasm crossing), and the bare crossing of one native kernel call against the same js kernel.
import { jsBackend } from "../src/backend/js/index.js";
import { backendByName } from "../src/backend/registry.js";
import { availableBackends, setBackend, tensor, type BackendName } from "../src/node.js";
import type { BenchRow, BenchSuite } from "./suite.js";
import { median } from "./suite.js";

const SUITE = "overhead";

/** Median over 5 rounds of the mean µs per call of `fn` (after a warm-up round). */
function microseconds(fn: () => unknown, calls = 20000): number {
  const rounds: number[] = [];
  for (let round = 0; round < 6; round++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) fn();
    if (round > 0) rounds.push(((performance.now() - start) * 1000) / calls);
  }
  return median(rounds);
}

function workloads(): [string, () => unknown][] {
  const x = tensor([1, 2, 3, 4]);
  const y = tensor([5, 6, 7, 8]);
  const leaf = tensor([1, 2, 3, 4], { requiresGrad: true });
  const a = tensor([
    [1, 2, 3, 4],
    [5, 6, 7, 8],
    [9, 10, 11, 12],
    [13, 14, 15, 16],
  ]);
  const big = tensor(Float32Array.from({ length: 4096 }, (_, i) => i / 4096));
  return [
    ["add [4] (no grad)", () => x.add(y)],
    ["add [4] (records the graph)", () => leaf.add(y)],
    ["mul+sum+backward [4]", () => leaf.mul(y).sum().backward()],
    ["matmul [4,4]×[4,4]", () => a.matmul(a)],
    ["sum [4]", () => x.sum()],
    ["exp [4096]", () => big.exp()],
  ];
}

export const overheadSuite: BenchSuite = {
  name: SUITE,
  run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const perBackend = new Map<string, number>();
    for (const name of availableBackends()) {
      setBackend(name as BackendName);
      for (const [workload, fn] of workloads()) {
        const value = microseconds(fn);
        const js = perBackend.get(workload);
        if (name === "js") perBackend.set(workload, value);
        const base = { suite: SUITE, workload, runner: `gradus-${name}`, value, unit: "µs/op" };
        rows.push(
          js === undefined ? base : { ...base, ratio: { peer: "gradus-js", value: value / js } },
        );
      }
    }
    const native = backendByName("native");
    if (native !== undefined) {
      for (const size of [4, 64, 1024]) {
        const view = {
          data: new Float32Array(size).fill(0.5),
          shape: [size],
          strides: [1],
          offset: 0,
        };
        const out = new Float32Array(size);
        const workload = `bare kernel: add of ${size} float32`;
        const js = microseconds(() => jsBackend.binary("add", view, view, out), 100000);
        const crossing = microseconds(() => native.binary("add", view, view, out), 100000);
        rows.push({ suite: SUITE, workload, runner: "js kernel", value: js, unit: "µs/call" });
        rows.push({
          suite: SUITE,
          workload,
          runner: "native kernel",
          value: crossing,
          unit: "µs/call",
          ratio: { peer: "js kernel", value: crossing / js },
          note: size < 64 ? "below the crossing threshold: runs the js kernel" : "crosses into C++",
        });
      }
    }
    setBackend(native !== undefined ? "native" : "wasm");
    return Promise.resolve(rows);
  },
};
