// `gradus ops`: the op registry as a table — every op, its family, whether it is differentiable,
// how many gradient-check cases it has, and its derivative rule in one line of maths.
import type { Command } from "commander";
import { listOps } from "../../node.js";
import { formatTable, printJson } from "../table.js";

interface OpsFlags {
  readonly family?: string;
  readonly json?: boolean;
}

/** Adds `ops` to the program. */
export function registerOps(program: Command): void {
  program
    .command("ops")
    .description("list every op of the registry with its family and derivative rule")
    .option("--family <name>", "only this family (elementwise, reductions, shapes, …)")
    .option("--json", "print the rows as JSON")
    .action((flags: OpsFlags) => runOps(flags));
}

function runOps(flags: OpsFlags): void {
  const all = listOps();
  const families = [...new Set(all.map((op) => op.family))];
  if (flags.family !== undefined && !families.includes(flags.family))
    throw new Error(`--family: unknown family "${flags.family}" (one of ${families.join(", ")})`);
  const rows = all.filter((op) => flags.family === undefined || op.family === flags.family);
  if (flags.json === true) return printJson(rows);
  const cells = rows.map((op) => [
    op.name,
    op.family,
    op.differentiable ? "yes" : "no",
    String(op.caseBuilders),
    op.rule ?? "",
  ]);
  console.log(formatTable(["op", "family", "grad", "cases", "rule"], cells));
}
