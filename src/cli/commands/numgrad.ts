// `gradus numgrad`: the error of forward and central differences against h, its order, and a log-log plot.
import type { Command } from "commander";
import { diff, errorOrder, evaluate, parseExpression } from "../../node.js";
import type { ErrorOrderFit } from "../../node.js";
import { checkPlotFile, writePlot } from "../plot-file.js";
import { parseInteger, parsePoint } from "../point-option.js";

interface NumgradFlags {
  readonly expr: string;
  readonly at: string;
  readonly minExponent: string;
  readonly maxExponent: string;
  readonly plot?: string;
}

/** Adds `numgrad` to the program. */
export function registerNumgrad(program: Command): void {
  program
    .command("numgrad")
    .description(
      "error of forward vs central differences for h = 1e-1 … 1e-12, with the fitted order",
    )
    .option("--expr <source>", "the function, as an expression", "log(x) + x*y - sin(y)")
    .option("--at <point>", "the point, as name=value pairs", "x=2,y=5")
    .option("--min-exponent <k>", "largest step is 10^-k", "1")
    .option("--max-exponent <k>", "smallest step is 10^-k", "12")
    .option("--plot <file>", "write the log-log plot of error against h (.svg or .png)")
    .action((flags: NumgradFlags) => runNumgrad(flags));
}

async function runNumgrad(flags: NumgradFlags): Promise<void> {
  if (flags.plot !== undefined) checkPlotFile(flags.plot);
  const expression = parseExpression(flags.expr);
  const point = parsePoint(flags.at);
  const names = Object.keys(point);
  const low = parseInteger("--min-exponent", flags.minExponent);
  const high = parseInteger("--max-exponent", flags.maxExponent);
  if (low < 0 || high < low + 1 || high > 16) {
    throw new Error("need 0 ≤ --min-exponent < --max-exponent ≤ 16");
  }
  const steps = Array.from({ length: high - low + 1 }, (_, i) => Number(`1e-${low + i}`));
  const env = (x: Float64Array): Record<string, number> =>
    Object.fromEntries(names.map((name, i) => [name, x[i]!]));
  const derivatives = names.map((name) => diff(expression, name));
  const f = (x: Float64Array): number => evaluate(expression, env(x));
  const exact = (x: Float64Array): number[] => derivatives.map((d) => evaluate(d, env(x)));
  const x = names.map((name) => point[name]!);
  const result = errorOrder(f, exact, x, { steps });

  const exactAtX = exact(Float64Array.from(x));
  console.log(`f = ${flags.expr} at ${names.map((n, i) => `${n}=${x[i]}`).join(", ")}`);
  console.log(
    `exact gradient (symbolic diff): ${names.map((n, i) => `∂f/∂${n} = ${exactAtX[i]}`).join(", ")}`,
  );
  console.log("error = max over coordinates of |numerical − exact|\n");
  console.log(
    `${"h".padStart(7)}  ${"forward error".padStart(14)}  ${"central error".padStart(14)}`,
  );
  for (const row of result.rows) {
    console.log(
      `${row.h.toExponential(0).padStart(7)}  ${row.forwardError.toExponential(2).padStart(14)}  ${row.centralError.toExponential(2).padStart(14)}`,
    );
  }
  console.log("");
  const smallest = steps[steps.length - 1]!;
  console.log(describe("forward", result.forward, smallest));
  console.log(describe("central", result.central, smallest));

  if (flags.plot !== undefined) {
    const { note } = await writePlot(
      flags.plot,
      {
        title: `error of finite differences: ${flags.expr}`,
        x: { title: "step h", scale: "log" },
        y: { title: "max |numerical − exact|", scale: "log" },
        series: [
          { name: "forward (h)", points: result.rows.map((row) => [row.h, row.forwardError]) },
          { name: "central (h²)", points: result.rows.map((row) => [row.h, row.centralError]) },
        ],
      },
      true,
    );
    if (note !== null) console.error(`gradus: ${note}`);
    console.log(`\nwrote ${flags.plot}`);
  }
}

function describe(method: string, fit: ErrorOrderFit, smallest: number): string {
  const [from, to] = fit.fitRange;
  const best = `${fit.bestH.toExponential(0)} (error ${fit.bestError.toExponential(1)})`;
  return (
    `${method}: slope ${fit.slope.toFixed(2)} over h = ${from.toExponential(0)} … ${to.toExponential(0)}; ` +
    (fit.bestH === smallest
      ? `best at the smallest step tried, ${best}: try smaller steps to see rounding take over`
      : `best at h = ${best}, below which rounding takes over`)
  );
}
