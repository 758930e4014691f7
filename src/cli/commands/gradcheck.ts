// `gradus gradcheck`: backprop against central differences for every differentiable op, as a table.
import type { Command } from "commander";
import { gradcheckOps, listOps, type OpCheckRow, type OrderSummary } from "../../node.js";
import { parseInteger } from "../point-option.js";
import { formatTable, printJson } from "../table.js";

interface GradcheckFlags {
  readonly op?: string[];
  readonly all?: boolean;
  readonly cases?: string;
  readonly secondOrder?: boolean;
  readonly seed: string;
  readonly json?: boolean;
}

/** Adds `gradcheck` to the program. */
export function registerGradcheck(program: Command): void {
  program
    .command("gradcheck")
    .description("check every op's backward against float64 central differences")
    .option("--all", "every op and composite, first and second order, 100 cases each")
    .option("--op <names...>", "only these ops or composites")
    .option("--cases <n>", "random cases per op (default 3, or 100 with --all)")
    .option("--second-order", "also check second derivatives (on with --all)")
    .option("--seed <n>", "seed of the random inputs", "0")
    .option("--json", "print the rows as JSON")
    .action((flags: GradcheckFlags) => runGradcheck(flags));
}

const errors = (summary: OrderSummary | null): string[] =>
  summary === null
    ? ["-", "-"]
    : [summary.worstAbsError.toExponential(2), summary.worstRelError.toExponential(2)];

/** Where a failed row went wrong: the exception, or each failing order's worst element. */
function failureDetail(row: OpCheckRow): string {
  if (row.error !== undefined) return `${row.op}: ${row.error}`;
  const orders = [
    ["1st", row.first],
    ["2nd", row.second],
  ] as const;
  return orders
    .filter(([, summary]) => summary !== null && !summary.ok && summary.worst !== null)
    .map(([order, summary]) => {
      const { case: index, input, index: element, analytic, numeric } = summary!.worst!;
      return `${row.op} (${order} order): case ${index}, input ${input}, element ${element}: backprop ${analytic}, central difference ${numeric}`;
    })
    .join("\n");
}

function runGradcheck(flags: GradcheckFlags): void {
  const all = flags.all === true;
  const secondOrder = all || flags.secondOrder === true;
  const cases = flags.cases === undefined ? (all ? 100 : 3) : parseInteger("--cases", flags.cases);
  // without --all: the ops of the registry (customOp and nn's composites only with --all or --op)
  const primitives = listOps().filter((op) => op.differentiable && op.family !== "nn");
  const names = flags.op ?? (all ? undefined : primitives.map((op) => op.name));
  const started = performance.now();
  const rows = gradcheckOps(names, {
    cases,
    secondOrder,
    seed: parseInteger("--seed", flags.seed),
  });
  const seconds = (performance.now() - started) / 1000;
  const failed = rows.filter((row) => !row.ok);
  if (flags.json === true) printJson(rows);
  else {
    const cells = rows.map((row) => [
      row.op,
      String(row.cases),
      ...errors(row.first),
      ...errors(row.second),
      row.ok ? "ok" : "FAIL",
    ]);
    const headers = [
      "op",
      "cases",
      "1st abs err",
      "1st rel err",
      "2nd abs err",
      "2nd rel err",
      "ok",
    ];
    console.log(formatTable(headers, cells));
    const orders = secondOrder ? "first and second order" : "first order";
    console.log(
      `\n${rows.length - failed.length}/${rows.length} ops pass (float64, ${orders}, ${cases} cases each, central differences h = 1e-6, rtol 1e-5, atol 1e-8; ${seconds.toFixed(1)} s)`,
    );
    for (const row of failed) console.log(failureDetail(row));
  }
  if (failed.length > 0) {
    console.error(`gradus: gradcheck failed for ${failed.map((row) => row.op).join(", ")}`);
    process.exitCode = 1;
  }
}
