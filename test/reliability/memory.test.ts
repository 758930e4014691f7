// Memory over training: backward() releases the graph a kept loss would hold; heap and buffers stay flat over steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { Generator } from "../../src/tensor/random.js";
import { randn } from "../../src/tensor/creation.js";

/** Runs the probe with --expose-gc and returns its JSON line. */
function probe<T>(...args: string[]): T {
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", "test/reliability/fixtures/memory-probe.ts", ...args],
    { encoding: "utf8" },
  );
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as T;
}

interface HeapRun {
  readonly heap: { step: number; heap: number; buffers: number }[];
}
const MB = 1024 * 1024;
/** Growth of heap used and arrayBuffers from 20% of the run to the largest later sample (after warm-up). */
function growth(run: HeapRun): { heap: number; buffers: number } {
  const [base, ...later] = run.heap.slice(1);
  return {
    heap: Math.max(...later.map((s) => s.heap)) - base!.heap,
    buffers: Math.max(...later.map((s) => s.buffers)) - base!.buffers,
  };
}

test("after backward() a kept loss holds no graph: intermediates are collected, a second pass is a clear error", () => {
  const result =
    probe<Record<"released" | "retained", { collected: boolean; lossInputs: number }>>("graph");
  assert.deepEqual(result.released, { collected: true, lossInputs: 0, lossOp: "div" });
  assert.deepEqual(result.retained, { collected: false, lossInputs: 2, lossOp: "div" });

  const w = randn([3, 2], { generator: new Generator(0), requiresGrad: true });
  const loss = w.tanh().square().sum();
  loss.backward();
  const first = w.grad!.dataSync();
  assert.throws(
    () => loss.backward(),
    /graph through \w+ was already used by backward\(\).*retainGraph/,
  );
  assert.throws(() => w.tanh().mul(loss).sum().backward(), /already used by backward/);
  w.zeroGrad();
  const kept = w.tanh().square().sum();
  kept.backward(undefined, { retainGraph: true });
  kept.backward();
  assert.deepEqual(
    w.grad!.dataSync(),
    first.map((g) => g * 2),
  );
});

test("3,000 SGD steps of sparse logistic regression: heap and arrayBuffers flat after warm-up", () => {
  const flat = growth(probe<HeapRun>("steps", "3000"));
  assert.ok(flat.heap < 1 * MB, `heap grew ${(flat.heap / MB).toFixed(2)} MB`);
  assert.ok(flat.buffers < 0.5 * MB, `arrayBuffers grew ${(flat.buffers / MB).toFixed(2)} MB`);
  // The same bound catches a leak: keeping every loss with its graph (retainGraph) over 1,000 steps.
  const leaking = probe<HeapRun & { kept: number }>("steps", "1000", "leak");
  assert.equal(leaking.kept, 1000);
  assert.ok(growth(leaking).heap > 1 * MB, `leak not seen: ${growth(leaking).heap} bytes`);
});
