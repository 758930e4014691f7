// The wasm backend's threaded matmul: against js (random and edge shapes, transposed operands, batch
// broadcast, float32/float64), bit-identical to one thread for 1–4 threads, memory growth, and the
// fallbacks (workers that never start, never answer, or cannot be created) — never a hang or a crash.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import type { StridedArray, TypedArray } from "../../src/backend/backend.js";
import type { DType } from "../../src/backend/dtype.js";
import { backendByName } from "../../src/backend/registry.js";
import { setNumThreads } from "../../src/backend/threads.js";
import { useNodeWorkers } from "../../src/backend/wasm/node-workers.js";
import { MIN_THREADED_WORK, wasmThreadStatus } from "../../src/backend/wasm/threading.js";
import { FLOAT_DTYPES, MATMUL_LAYOUTS, newArray, reference, seeded } from "./support.js";

const wasm = backendByName("wasm");
type Shape = readonly [batch: number, m: number, k: number, n: number];

/** A [batch, rows, cols] view with values in [-1, 1), optionally transposed or batch-broadcast. */
function matrix(
  random: () => number,
  dtype: DType,
  [batch, rows, cols]: readonly [number, number, number],
  transposed: boolean,
  broadcast: boolean,
): StridedArray {
  const stored = broadcast ? 1 : batch;
  const data = newArray(dtype, 3 + stored * rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = 2 * random() - 1;
  const strides = transposed ? [rows * cols, 1, rows] : [rows * cols, cols, 1];
  if (broadcast) strides[0] = 0;
  return { data, shape: [batch, rows, cols], strides, offset: 3 };
}

/** wasm's product with `threads` threads, checking that threads ran when more than one was asked. */
function product(threads: number, a: StridedArray, b: StridedArray, length: number): TypedArray {
  setNumThreads(threads);
  const before = wasmThreadStatus().threadedProducts;
  const out = newArray(a.data instanceof Float32Array ? "float32" : "float64", length).fill(7);
  wasm!.matmul({ a, b, out });
  const status = wasmThreadStatus();
  assert.equal(status.off, null);
  if (threads > 1) assert.ok(status.threadedProducts > before, "the product ran on threads");
  return out;
}

function assertSameBits(actual: TypedArray, expected: TypedArray, label: string): void {
  for (let i = 0; i < expected.length; i++)
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${label}: entry ${i} is ${actual[i]} threaded, ${expected[i]} on one thread`);
}

/** Checks every layout of one shape: threaded ≈ js, and threaded ≡ one thread bit for bit. */
function checkShape(dtype: DType, [batch, m, k, n]: Shape, seed: number, threads = 2): void {
  const random = seeded(seed);
  const rtol = dtype === "float64" ? 1e-13 : 2e-6;
  for (const [transposeA, transposeB, broadcastB] of MATMUL_LAYOUTS) {
    const a = matrix(random, dtype, [batch, m, k], transposeA, false);
    const b = matrix(random, dtype, [batch, k, n], transposeB, broadcastB);
    const label = `${dtype} [${batch},${m},${k}]×[${k},${n}] tA=${transposeA} tB=${transposeB}`;
    const single = product(1, a, b, batch * m * n);
    assertSameBits(product(threads, a, b, batch * m * n), single, label);
    const expected = newArray(dtype, batch * m * n);
    reference.matmul({ a, b, out: expected });
    const absolute = (x: StridedArray): StridedArray => ({
      ...x,
      data: Float64Array.from(x.data, Math.abs),
    });
    const scale = new Float64Array(batch * m * n);
    reference.matmul({ a: absolute(a), b: absolute(b), out: scale });
    for (let i = 0; i < expected.length; i++)
      if (!(Math.abs(single[i]! - expected[i]!) <= rtol * scale[i]! + 1e-30))
        assert.fail(`${label}: entry ${i} is ${single[i]}, js gives ${expected[i]}`);
  }
}

// Edge sizes (0 and 1 run on js below the wasm threshold), one-panel rows/columns, batches.
const EDGE: readonly Shape[] = [
  [1, 17, 17, 17],
  [1, 1, 1023, 7],
  [1, 1023, 7, 1],
  [1, 5, 1023, 3],
  [2, 17, 7, 33],
  [3, 33, 65, 47],
  [1, 130, 400, 97],
  [2, 200, 300, 260],
  [1, 1, 4099, 9],
  [1, 64, 1, 64],
];

describe("wasm matmul on worker threads", { skip: wasm === undefined }, () => {
  test("matches js and one thread bit for bit: edge sizes, every dtype and layout", () => {
    useNodeWorkers({ minWork: 0 });
    for (const dtype of FLOAT_DTYPES)
      for (const [i, shape] of EDGE.entries()) checkShape(dtype, shape, 101 + i);
  });

  test("random shapes above the default threshold, 2–4 threads", () => {
    useNodeWorkers();
    const random = seeded(2024);
    for (let trial = 0; trial < 4; trial++) {
      const pick = (low: number, high: number): number => low + Math.floor(random() * (high - low));
      const [m, k] = [pick(150, 300), pick(150, 300)];
      const n = Math.max(pick(100, 300), Math.ceil(MIN_THREADED_WORK / (m * k)));
      const dtype = FLOAT_DTYPES[trial % 2]!;
      checkShape(dtype, [1 + (trial % 2), m, k, n], 7 + trial, 2 + (trial % 3));
    }
  });

  test("memory grows between products and the workers follow it", () => {
    useNodeWorkers({ minWork: 0 });
    for (const [i, size] of [40, 700, 60, 1100, 90].entries())
      checkShape("float32", [1, size, 16, size], 300 + i);
  });

  test("a worker that never answers: the watchdog computes on this thread and says so once", () => {
    const notes: string[] = [];
    // Reports ready (state slot 2 of its 16) and stays alive without ever taking a job.
    const silent = `const { workerData: d } = require("node:worker_threads");
      const c = new Int32Array(d.control); Atomics.store(c, d.slot * 16 + 2, 1);
      Atomics.notify(c, d.slot * 16 + 2); setInterval(() => {}, 1000);`;
    useNodeWorkers({
      minWork: 0,
      watchdogMs: 50,
      source: silent,
      note: (note) => notes.push(note),
    });
    setNumThreads(1);
    const random = seeded(5);
    const a = matrix(random, "float64", [1, 300, 200], false, false);
    const b = matrix(random, "float64", [1, 200, 250], true, false);
    const one = newArray("float64", 300 * 250);
    wasm!.matmul({ a, b, out: one });
    setNumThreads(2);
    for (let call = 0; call < 3; call++) {
      const out = newArray("float64", 300 * 250);
      wasm!.matmul({ a, b, out });
      assertSameBits(out, one, `call ${call}`);
    }
    assert.match(wasmThreadStatus().off ?? "", /did not answer within/);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /wasm matmul threads off/);
  });

  test("workers that never start, or cannot be created, fall back the same way", () => {
    for (const [overrides, reason] of [
      [{ source: "for (;;) {}", startupMs: 100 }, /did not start within 100 ms/],
      [{ source: "throw new Error('boom')", startupMs: 500 }, /did not start|could not start/],
      [
        {
          spawn: () => {
            throw new Error("no worker threads here");
          },
        },
        /no worker threads here/,
      ],
    ] as const) {
      const notes: string[] = [];
      useNodeWorkers({ minWork: 0, ...overrides, note: (note) => notes.push(note) });
      setNumThreads(3);
      const random = seeded(9);
      const a = matrix(random, "float32", [2, 40, 50], false, false);
      const b = matrix(random, "float32", [2, 50, 60], false, true);
      const out = newArray("float32", 2 * 40 * 60);
      const expected = newArray("float32", 2 * 40 * 60);
      wasm!.matmul({ a, b, out });
      useNodeWorkers();
      setNumThreads(1);
      wasm!.matmul({ a, b, out: expected });
      assertSameBits(out, expected, String(reason));
      assert.equal(notes.length, 1);
      assert.match(notes[0]!, reason);
    }
  });

  test("GRADUS_WASM_THREADS=2 through the Node entry: threads run, and the process still exits", () => {
    const script = `
      const { matmul, setBackend, tensor } = await import("./src/node.ts");
      const { wasmThreadStatus } = await import("./src/backend/wasm/threading.ts");
      setBackend("wasm");
      const x = tensor(Array.from({ length: 512 * 512 }, (_, i) => (i % 7) - 3)).reshape([512, 512]);
      const sum = matmul(x, x).data.reduce((total, value) => total + value, 0);
      console.log(JSON.stringify({ sum, ...wasmThreadStatus() }));`;
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        env: { ...process.env, GRADUS_WASM_THREADS: "2" },
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    assert.equal(child.status, 0, child.stderr);
    const report = JSON.parse(child.stdout.trim()) as {
      sum: number;
      threads: number;
      threadedProducts: number;
    };
    assert.equal(report.threads, 2);
    assert.equal(report.threadedProducts, 1);
    // Σᵢⱼ (x·x)ᵢⱼ = Σₚ (Σᵢ xᵢₚ)(Σⱼ xₚⱼ): column sums times row sums of x, in exact integers.
    const x = Array.from({ length: 512 * 512 }, (_, i) => (i % 7) - 3);
    let expected = 0;
    for (let p = 0; p < 512; p++) {
      let column = 0;
      let row = 0;
      for (let i = 0; i < 512; i++) column += x[i * 512 + p]!;
      for (let j = 0; j < 512; j++) row += x[p * 512 + j]!;
      expected += column * row;
    }
    assert.equal(report.sum, expected);
  });
});
