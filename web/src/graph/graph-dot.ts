// The page's Graphviz DOT of a library graph: element ids to paint on, and room for F and B lines.
import { calcText, type ComputationalGraph, type GraphVertex } from "gradus";

export const FONT = "Helvetica,Arial,sans-serif";

/** The SVG element id Graphviz gives the vertex at position `id` of the graph's topological order. */
export const vertexElementId = (id: number): string => `vertex-${id}`;

/** The SVG element id Graphviz gives the edge from predecessor number `index` into vertex `id`. */
export const edgeElementId = (id: number, index: number): string => `edge-${id}-${index}`;

/** Placeholder lines, as wide as most values, so the layout does not move while values appear. */
export const EMPTY_VALUE = "F = ·";
export const EMPTY_ADJOINT = "B = ·";

const escape = (text: string): string => text.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
const quote = (text: string): string => `"${escape(text)}"`;

const fillOf = (graph: ComputationalGraph, vertex: GraphVertex): string =>
  vertex.isConstant
    ? "#f1f5f9"
    : vertex.isLeaf
      ? "#dbeafe"
      : vertex === graph.terminal
        ? "#ede9fe"
        : "#f8fafc";

/**
 * DOT for `graph`, left to right (leaves left, the terminal right). Labels are plain three-line text
 * ("v1 = log(x)", "F = ·", "B = ·") so the page can fill in values without a new layout. Unlike the
 * library's `toDot`, edges carry no position labels: the page writes each update on its edge.
 */
export function graphDot(graph: ComputationalGraph): string {
  const lines = [
    "digraph G {",
    `  rankdir=LR; bgcolor="transparent"; nodesep=0.45; ranksep=1.1; pad=0.2;`,
    `  node [fontname=${quote(FONT)}, fontsize=17, style="filled", shape=box, color="#334155", penwidth=1.5, width=1.9, margin="0.15,0.08"];`,
    `  edge [color="#64748b", penwidth=1.6, arrowsize=0.8];`,
  ];
  const ids = new Map(graph.vertices.map((vertex, id) => [vertex, id]));
  graph.vertices.forEach((vertex, id) => {
    const name = graph.nameOf(vertex);
    const head = vertex.isLeaf ? name : `${name} = ${calcText(graph, vertex)}`;
    const attributes = [
      `id=${quote(vertexElementId(id))}`,
      `shape=${vertex.isLeaf ? "ellipse" : "box"}`,
      `peripheries=${vertex === graph.terminal ? 2 : 1}`,
      `fillcolor="${fillOf(graph, vertex)}"`,
      `label="${[head, EMPTY_VALUE, EMPTY_ADJOINT].map(escape).join("\\n")}"`,
    ];
    lines.push(`  n${id} [${attributes.join(", ")}];`);
  });
  graph.vertices.forEach((vertex, id) => {
    vertex.inputs.forEach((input, index) => {
      const edge = quote(edgeElementId(id, index));
      lines.push(`  n${ids.get(input)!} -> n${id} [id=${edge}];`);
    });
  });
  lines.push("}");
  return lines.join("\n");
}
