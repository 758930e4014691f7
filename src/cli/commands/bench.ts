// `gradus bench`: runs the benchmark suites of a source checkout (bench/run.ts), or says where to find them.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";

/** The checkout root holding bench/run.ts: the current directory or the one above this package's code. */
export function findBenchRunner(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [process.cwd(), resolve(here, "..", "..", ".."), resolve(here, "..", "..")];
  return roots.find((root) => existsSync(join(root, "bench", "run.ts"))) ?? null;
}

/** Adds `bench` to the program. */
export function registerBench(program: Command): void {
  program
    .command("bench")
    .description("run the benchmark suites (npm run bench) of a source checkout")
    .argument("[suites...]", "suite names to run (default: all)")
    .action((suites: string[]) => runBench(suites));
}

async function runBench(suites: readonly string[]): Promise<void> {
  const root = findBenchRunner();
  if (root === null) {
    console.log(
      "the benchmarks live in the source repository (bench/): clone it, run npm ci, then npm run bench [suite …]",
    );
    return;
  }
  const child = spawn(process.execPath, ["--import", "tsx", join("bench", "run.ts"), ...suites], {
    cwd: root,
    stdio: "inherit",
  });
  const code = await new Promise<number>((done) => child.on("exit", (status) => done(status ?? 1)));
  if (code !== 0) throw new Error(`the benchmarks exited with status ${code}`);
}
