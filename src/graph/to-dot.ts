// The graph as Graphviz DOT: one box per vertex with its calc, and F(v), B(v) when given.
import type { ComputationalGraph } from "./computational-graph.js";
import { formatValue } from "./format-trace.js";
import type { Adjoints, Values } from "./sweeps.js";

const quote = (text: string): string => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * DOT text for `graph`, left to right (leaves left, the terminal right with a double border). Each
 * vertex shows "name = calc", then "F = …" and "B = …" when F and B are given. Edges into a vertex are
 * labelled with the argument position when it has more than one predecessor.
 * @example const dot = toDot(G, forward(G), backward(G, forward(G)));
 */
export function toDot(graph: ComputationalGraph, F?: Values, B?: Adjoints): string {
  const ids = new Map(graph.vertices.map((v, i) => [v, `n${i}`]));
  const lines = [
    "digraph G {",
    "  rankdir=LR;",
    '  node [fontname="Helvetica,Arial,sans-serif", fontsize=12, shape=box, style=filled, fillcolor="#f8fafc"];',
    '  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10, color="#64748b"];',
  ];
  for (const v of graph.vertices) {
    const name = graph.nameOf(v);
    const head =
      v.kind === null
        ? name
        : `${name} = ${v.kind.format(v.inputs.map((input) => graph.nameOf(input)))}`;
    const label = [head];
    const value = F?.get(v);
    const adjoint = B?.get(v);
    if (value !== undefined) label.push(`F = ${formatValue(value)}`);
    if (adjoint !== undefined) label.push(`B = ${formatValue(adjoint)}`);
    const attributes = [`label=${quote(label.join("\n")).replace(/\n/g, "\\n")}`];
    if (v.kind === null) attributes.push('shape=ellipse, fillcolor="#dbeafe"');
    if (v === graph.terminal) attributes.push('peripheries=2, fillcolor="#ede9fe"');
    lines.push(`  ${ids.get(v)!} [${attributes.join(", ")}];`);
  }
  for (const v of graph.vertices) {
    v.inputs.forEach((input, index) => {
      const label = v.inputs.length > 1 ? ` [label="${index + 1}"]` : "";
      lines.push(`  ${ids.get(input)!} -> ${ids.get(v)!}${label};`);
    });
  }
  lines.push("}");
  return lines.join("\n");
}
