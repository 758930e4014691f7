// Runs the benchmark suites (all, or those named on the command line), prints a table, writes JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import type { BenchRow, BenchSuite } from "./suite.js";
import { tensorOpsSuite } from "./tensor-ops.bench.js";
import { numericalVsBackprop } from "./numerical-vs-backprop.bench.js";

const suites: BenchSuite[] = [numericalVsBackprop, tensorOpsSuite];
suites.push((await import("./training.bench.js")).trainingSuite);
suites.push((await import("./sparse.bench.js")).sparseSuite);
suites.push((await import("./matmul.bench.js")).matmulSuite);
suites.push((await import("./kernel-overhead.bench.js")).overheadSuite);
suites.push((await import("./scalar-engine.bench.js")).scalarEngineSuite);
suites.push((await import("./logreg-epoch.bench.js")).logregEpochSuite);
suites.push((await import("./mlp-step.bench.js")).mlpStepSuite);

const wanted = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const suite of suites) {
  if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
  console.log(`\n## ${suite.name}`);
  const suiteRows = await suite.run();
  for (const row of suiteRows) {
    const ratio = row.ratio ? `  (${row.ratio.value.toFixed(2)}× ${row.ratio.peer})` : "";
    console.log(
      `${row.workload.padEnd(48)} ${row.runner.padEnd(22)} ${row.value.toPrecision(4).padStart(10)} ${row.unit}${ratio}${row.note ? `  — ${row.note}` : ""}`,
    );
  }
  rows.push(...suiteRows);
}
mkdirSync("bench-output", { recursive: true });
writeFileSync(
  "bench-output/results.json",
  JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2),
);
console.log("\nwrote bench-output/results.json");
