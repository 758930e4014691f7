// Runs the benchmark suites (all, or those named on the command line), each in a fresh node process, prints a table, writes JSON.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow, BenchSuite } from "./suite.js";

const SUITES: Record<string, () => Promise<BenchSuite>> = {
  "numerical-vs-backprop": async () =>
    (await import("./numerical-vs-backprop.bench.js")).numericalVsBackprop,
  "tensor-ops": async () => (await import("./tensor-ops.bench.js")).tensorOpsSuite,
  training: async () => (await import("./training.bench.js")).trainingSuite,
  sparse: async () => (await import("./sparse.bench.js")).sparseSuite,
  matmul: async () => (await import("./matmul.bench.js")).matmulSuite,
  overhead: async () => (await import("./kernel-overhead.bench.js")).overheadSuite,
  "scalar-engine": async () => (await import("./scalar-engine.bench.js")).scalarEngineSuite,
  "logreg-epoch": async () => (await import("./logreg-epoch.bench.js")).logregEpochSuite,
  "mlp-step": async () => (await import("./mlp-step.bench.js")).mlpStepSuite,
  "attention-memory": async () =>
    (await import("./attention-memory.bench.js")).attentionMemorySuite,
  "transformer-step": async () =>
    (await import("./transformer-step.bench.js")).transformerStepSuite,
  bpe: async () => (await import("./bpe.bench.js")).bpeSuite,
  normalization: async () => (await import("./normalization.bench.js")).normalizationSuite,
  conv: async () => (await import("./conv.bench.js")).convSuite,
  "lstm-step": async () => (await import("./lstm-step.bench.js")).lstmStepSuite,
  embedding: async () => (await import("./embedding.bench.js")).embeddingSuite,
  "cnn-epoch": async () => (await import("./cnn-epoch.bench.js")).cnnEpochSuite,
};

/** Where a child process writes its rows (set by the parent; unset when run by hand). */
const ROWS_FILE = "GRADUS_BENCH_ROWS";

function print(rows: readonly BenchRow[]): void {
  for (const row of rows) {
    const range = row.ratio?.range
      ? `, rounds ${row.ratio.range[0].toFixed(2)}–${row.ratio.range[1].toFixed(2)}`
      : "";
    const ratio = row.ratio ? `  (${row.ratio.value.toFixed(2)}× ${row.ratio.peer}${range})` : "";
    console.log(
      `${row.workload.padEnd(48)} ${row.runner.padEnd(22)} ${row.value.toPrecision(4).padStart(10)} ${row.unit}${ratio}${row.note ? `  — ${row.note}` : ""}`,
    );
  }
}

/**
 * One suite in this process. A suite measured after others inherits their heap (hundreds of MB of
 * peers' tensors to mark) and their freed memory, which slowed allocation-heavy suites by up to 2×:
 * so the parent gives each suite a process of its own.
 */
async function runHere(name: string): Promise<BenchRow[]> {
  console.log(`\n## ${name}`);
  const rows = await (await SUITES[name]!()).run();
  print(rows);
  return rows;
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(
    `bench: unknown suite(s) ${unknown.join(", ")}; known: ${Object.keys(SUITES).join(", ")}`,
  );
  process.exit(2);
}
const childFile = process.env[ROWS_FILE];
if (childFile !== undefined) {
  writeFileSync(childFile, JSON.stringify(await runHere(wanted[0]!)));
} else {
  const rows: BenchRow[] = [];
  const scratch = mkdtempSync(join(tmpdir(), "gradus-bench-"));
  try {
    for (const name of wanted.length > 0 ? wanted : Object.keys(SUITES)) {
      const file = join(scratch, `${name}.json`);
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), name],
        { stdio: "inherit", env: { ...process.env, [ROWS_FILE]: file } },
      );
      if (child.status !== 0) {
        console.error(`bench: suite ${name} failed (exit ${child.status ?? child.signal})`);
        process.exitCode = 1;
        continue;
      }
      rows.push(...(JSON.parse(readFileSync(file, "utf8")) as BenchRow[]));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  mkdirSync("bench-output", { recursive: true });
  writeFileSync(
    "bench-output/results.json",
    JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2),
  );
  console.log("\nwrote bench-output/results.json");
}
