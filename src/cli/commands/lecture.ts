// `gradus lecture`: the lecture's worked example (or any expression) as Forward/Backward trace tables,
// the gradient next to central differences, and optionally the drawn graph as SVG.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import {
  backward,
  computationalGraph,
  formatTrace,
  forward,
  graphFromExpr,
  graphToSvg,
  leaf,
  numericalGrad,
  parseExpression,
  traceSweeps,
  vertex,
  vertexKinds as k,
  type ComputationalGraph,
} from "../../node.js";
import { formatTable } from "../table.js";
import { parsePoint } from "../point-option.js";

interface LectureFlags {
  readonly expr?: string;
  readonly at?: string;
  readonly svg?: string;
}

/** The lecture's point; a variable --at does not name keeps its value here (x=2, y=5). */
const DEFAULT_POINT: Readonly<Record<string, number>> = { x: 2, y: 5 };

/** Adds `lecture` to the program. */
export function registerLecture(program: Command): void {
  program
    .command("lecture")
    .description(
      "the lecture's graph of f(x, y) = log x + xy − sin y: Forward/Backward trace and check",
    )
    .option("--expr <source>", 'another function, e.g. "exp(a)*sin(b)" (vertices named v1, v2, …)')
    .option(
      "--at <point>",
      "the point, as name=value pairs (default x=2,y=5; an unnamed x or y keeps it)",
    )
    .option("--svg <file.svg>", "write the graph with F(v) and B(v) as SVG")
    .action((flags: LectureFlags) => runLecture(flags));
}

/** u = log x, v = x·y, s = u + v, w = sin y, f = s − w: the lecture's names. */
function lectureGraph(): ComputationalGraph {
  const x = leaf("x");
  const y = leaf("y");
  const s = vertex(k.add, [vertex(k.log, [x], "u"), vertex(k.mul, [x, y], "v")], "s");
  return computationalGraph(vertex(k.sub, [s, vertex(k.sin, [y], "w")], "f"));
}

const digits = (value: number): string => String(Number(value.toPrecision(10)));

async function runLecture(flags: LectureFlags): Promise<void> {
  const given = flags.at === undefined ? {} : parsePoint(flags.at);
  const source = flags.expr ?? "log(x) + x*y - sin(y)";
  const graph = flags.expr === undefined ? lectureGraph() : graphFromExpr(parseExpression(source));
  const variables = graph.leaves.filter((v) => !v.isConstant).map((v) => graph.nameOf(v));
  const defaults = variables.filter((name) => name in DEFAULT_POINT && !Object.hasOwn(given, name));
  const point = {
    ...Object.fromEntries(defaults.map((name) => [name, DEFAULT_POINT[name]!])),
    ...given,
  };
  for (const name of variables) {
    if (!Object.hasOwn(point, name))
      throw new Error(`--at gives no value for the variable ${name}`);
  }
  const unused = Object.keys(point).filter((name) => !variables.includes(name));
  if (unused.length > 0) throw new Error(`--at names ${unused.join(", ")}, not in the expression`);

  const trace = traceSweeps(graph, point);
  const at = variables.map((name) => `${name} = ${point[name]}`).join(", ");
  console.log(`f = ${source} at ${at}\n`);
  console.log(formatTrace(trace));

  const f = (p: Float64Array): number =>
    forward(graph, Object.fromEntries(variables.map((name, i) => [name, p[i]!]))).get(
      graph.terminal,
    )!;
  let numeric: Float64Array | null = null;
  try {
    numeric = numericalGrad(
      f,
      variables.map((name) => point[name]!),
    );
  } catch {
    numeric = null;
  }
  const leafOf = (name: string) => graph.leaves.find((v) => graph.nameOf(v) === name)!;
  const value = trace.F.get(graph.terminal)!;
  // NOTE: the sweep still yields numbers where f is NaN (log of a negative x): they mean nothing
  const defined = !Number.isNaN(value);
  const rows = variables.map((name, i) => {
    const exact = trace.B.get(leafOf(name))!;
    const estimate = numeric?.[i];
    return [
      `∂f/∂${name}`,
      defined ? digits(exact) : "undefined",
      estimate === undefined ? "n/a" : digits(estimate),
      estimate === undefined ? "n/a" : Math.abs(exact - estimate).toExponential(1),
    ];
  });
  console.log(`\nResult: f = ${digits(value)}`);
  console.log(formatTable(["", "backprop B(leaf)", "central difference", "|difference|"], rows));
  const rounded = variables.map((name) => {
    const exact = trace.B.get(leafOf(name))!;
    const short = Number(exact.toPrecision(3));
    return `∂f/∂${name} ${Object.is(short, exact) ? "=" : "≈"} ${short}`;
  });
  if (defined) console.log(`gradient: ${rounded.join(", ")}`);
  else console.log(`gradient: undefined, since f is NaN at ${at} (outside its domain)`);
  if (numeric === null) {
    console.log("(no central difference: f is not finite near the point)");
  }
  if (flags.svg !== undefined) {
    await writeFile(flags.svg, await graphToSvg(graph, trace.F, backward(graph, trace.F)));
    console.log(`\nwrote ${flags.svg}`);
  }
}
