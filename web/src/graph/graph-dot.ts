// The graph's layout as Graphviz DOT: one box per vertex (its calc, with F and B lines to fill in later).
import type { LectureGraph } from "./lecture-graph";

export const FONT = "Helvetica,Arial,sans-serif";

/** The SVG element id Graphviz gives a vertex's group. */
export const vertexElementId = (id: string): string => `vertex-${id}`;

/** The SVG element id Graphviz gives the edge from predecessor number `index` into `id`. */
export const edgeElementId = (id: string, index: number): string => `edge-${id}-${index}`;

/** Placeholder lines, as wide as most values, so the layout does not move while values appear. */
export const EMPTY_VALUE = "F = ·";
export const EMPTY_ADJOINT = "B = ·";

const escape = (text: string): string => text.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
const quote = (text: string): string => `"${escape(text)}"`;

/**
 * DOT for `graph`, left to right (leaves left, the terminal right). Labels are plain three-line text
 * ("v1 = log(x)", "F = ·", "B = ·") so the page can fill in values without a new layout.
 */
export function graphDot(graph: LectureGraph): string {
  const lines = [
    "digraph G {",
    `  rankdir=LR; bgcolor="transparent"; nodesep=0.45; ranksep=1.1; pad=0.2;`,
    `  node [fontname=${quote(FONT)}, fontsize=17, style="filled", shape=box, color="#334155", penwidth=1.5, width=1.9, margin="0.15,0.08"];`,
    `  edge [color="#64748b", penwidth=1.6, arrowsize=0.8];`,
  ];
  for (const vertex of graph.vertices) {
    const isLeaf = vertex.inputs.length === 0;
    const head = isLeaf ? vertex.id : `${vertex.id} = ${vertex.calcText}`;
    const attributes = [
      `id=${quote(vertexElementId(vertex.id))}`,
      `shape=${isLeaf ? "ellipse" : "box"}`,
      `peripheries=${vertex === graph.terminal ? 2 : 1}`,
      `fillcolor="${isLeaf ? "#dbeafe" : vertex === graph.terminal ? "#ede9fe" : "#f8fafc"}"`,
      `label="${[head, EMPTY_VALUE, EMPTY_ADJOINT].map(escape).join("\\n")}"`,
    ];
    lines.push(`  ${quote(vertex.id)} [${attributes.join(", ")}];`);
  }
  for (const vertex of graph.vertices) {
    vertex.inputs.forEach((input, index) => {
      const id = quote(edgeElementId(vertex.id, index));
      lines.push(`  ${quote(input.id)} -> ${quote(vertex.id)} [id=${id}];`);
    });
  }
  lines.push("}");
  return lines.join("\n");
}
