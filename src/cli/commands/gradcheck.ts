// `gradus gradcheck`: backprop against central differences for every differentiable op, as a table.
import type { Command } from "commander";
import { Generator, gradcheck } from "../../node.js";
import { OP_CASES } from "../op-cases.js";
import { parseInteger } from "../point-option.js";
import { formatTable, printJson } from "../table.js";

interface GradcheckFlags {
  readonly op?: string[];
  readonly seed: string;
  readonly json?: boolean;
}

/** One op's summary: its cases' worst errors and whether all passed. */
export interface OpCheckRow {
  readonly op: string;
  readonly cases: number;
  readonly worstAbsError: number;
  readonly worstRelError: number;
  readonly ok: boolean;
}

/** Adds `gradcheck` to the program. */
export function registerGradcheck(program: Command): void {
  program
    .command("gradcheck")
    .description("check every op's backward against float64 central differences")
    .option("--op <names...>", "only these ops")
    .option("--seed <n>", "seed of the random inputs", "0")
    .option("--json", "print the rows as JSON")
    .action((flags: GradcheckFlags) => runGradcheck(flags));
}

/**
 * Runs every case of the named ops (all when `names` is undefined).
 * @example checkOps(["exp", "matmul"], 0).every((row) => row.ok);
 */
export function checkOps(names: readonly string[] | undefined, seed: number): OpCheckRow[] {
  const chosen = names ?? Object.keys(OP_CASES);
  const unknown = chosen.filter((name) => !Object.hasOwn(OP_CASES, name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown op ${unknown.map((name) => `"${name}"`).join(", ")}; see gradus gradcheck without --op`,
    );
  }
  return chosen.map((op) => {
    const generator = new Generator(seed);
    const results = OP_CASES[op]!.map((build) => {
      const { inputs, f } = build(generator);
      return gradcheck(f, inputs);
    });
    return {
      op,
      cases: results.length,
      worstAbsError: Math.max(...results.map((result) => result.maxAbsError)),
      worstRelError: Math.max(...results.map((result) => result.maxRelError)),
      ok: results.every((result) => result.ok),
    };
  });
}

function runGradcheck(flags: GradcheckFlags): void {
  const rows = checkOps(flags.op, parseInteger("--seed", flags.seed));
  const failed = rows.filter((row) => !row.ok);
  if (flags.json === true) printJson(rows);
  else {
    const cells = rows.map((row) => [
      row.op,
      String(row.cases),
      row.worstAbsError.toExponential(2),
      row.worstRelError.toExponential(2),
      row.ok ? "ok" : "FAIL",
    ]);
    console.log(formatTable(["op", "cases", "worst abs err", "worst rel err", "ok"], cells));
    console.log(
      `\n${rows.length - failed.length}/${rows.length} ops pass (float64, central differences, h = 1e-6, rtol 1e-5, atol 1e-8)`,
    );
  }
  if (failed.length > 0) {
    console.error(`gradus: gradcheck failed for ${failed.map((row) => row.op).join(", ")}`);
    process.exitCode = 1;
  }
}
