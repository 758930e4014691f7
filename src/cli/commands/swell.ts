// `gradus swell`: expression swell as a measured table — symbolic derivative trees double, backprop grows linearly.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import {
  expressionSwell,
  fittedGrowth,
  formatExpr,
  linePlotSvg,
  swellExpression,
} from "../../node.js";
import type { SwellRow } from "../../node.js";
import { parseInteger } from "../point-option.js";

interface SwellFlags {
  readonly maxK: string;
  readonly plot?: string;
}

const COLUMNS: [string, (row: SwellRow) => number][] = [
  ["k", (row) => row.k],
  ["expr tree", (row) => row.expressionTreeSize],
  ["backprop vertices", (row) => row.backpropVertices],
  ["d/dx tree", (row) => row.derivativeTreeSize],
  ["d/dx DAG", (row) => row.derivativeDagSize],
];

/** Adds `swell` to the program. */
export function registerSwell(program: Command): void {
  program
    .command("swell")
    .description(
      "expression swell: symbolic derivative sizes vs backprop for f_{k+1} = sin(f_k)·cos(f_k)",
    )
    .option("--max-k <k>", "largest k (1 … 40)", "20")
    .option("--plot <file.svg>", "write sizes against k on a log scale")
    .action((flags: SwellFlags) => runSwell(flags));
}

async function runSwell(flags: SwellFlags): Promise<void> {
  const maxK = parseInteger("--max-k", flags.maxK);
  if (maxK < 2 || maxK > 40) throw new Error(`--max-k must be between 2 and 40, got ${maxK}`);
  const rows = expressionSwell(maxK);
  console.log("f_1 = x, f_{k+1} = sin(f_k)*cos(f_k); e.g. f_3 = " + formatExpr(swellExpression(3)));
  console.log("sizes are node counts; trees count a shared subexpression at every use\n");
  const widths = COLUMNS.map(([title]) => Math.max(title.length, 12));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => cell.padStart(widths[i]!)).join("  ");
  console.log(line([...COLUMNS.map(([title]) => title), "tree ratio"]));
  for (const row of rows) {
    const ratio = Number.isNaN(row.growthRatio) ? "" : row.growthRatio.toFixed(3);
    console.log(line([...COLUMNS.map(([, value]) => String(value(row))), ratio]));
  }
  const tail = rows.slice(Math.floor(rows.length / 2));
  const [last, beforeLast] = [rows[rows.length - 1]!, rows[rows.length - 2]!];
  const growth = fittedGrowth(tail, (row) => row.derivativeTreeSize);
  console.log(
    `\nd/dx tree: ×${growth.toFixed(3)} per step (fitted over k = ${tail[0]!.k} … ${maxK}; → 2, the tree is ≈ k·2^k)` +
      `\nd/dx DAG: +${last.derivativeDagSize - beforeLast.derivativeDagSize} per step; ` +
      `backprop: +${last.backpropVertices - beforeLast.backpropVertices} vertices per step (linear in k)`,
  );
  if (flags.plot !== undefined) {
    const series = COLUMNS.slice(1).map(([name, value]) => ({
      name,
      points: rows.map((row) => [row.k, value(row)] as const),
    }));
    const svg = await linePlotSvg({
      title: "expression swell: f_{k+1} = sin(f_k)·cos(f_k)",
      x: { title: "k" },
      y: { title: "nodes", scale: "log" },
      series,
    });
    await writeFile(flags.plot, svg);
    console.log(`\nwrote ${flags.plot}`);
  }
}
