// calc(G, v) and deriv(G, v, p) as text over the graph's vertex names, for traces, pictures and pages.
import type { ComputationalGraph } from "./computational-graph.js";
import type { GraphVertex } from "./graph-vertex.js";

const namesOf = (graph: ComputationalGraph, vertex: GraphVertex): string[] =>
  vertex.inputs.map((input) => graph.nameOf(input));

/**
 * calc(G, v) over the names of v's predecessors, e.g. "log(x)"; "leaf" or "constant" for a leaf.
 * @example calcText(G, u) // "log(x)" for u = log x
 */
export function calcText(graph: ComputationalGraph, vertex: GraphVertex): string {
  if (vertex.kind === null) return vertex.isConstant ? "constant" : "leaf";
  return vertex.kind.format(namesOf(graph, vertex));
}

/**
 * deriv(G, v, p_i) over the names of v's predecessors, e.g. "1/x" for log x and "y" for x·y with i = 0.
 * Kinds without `formatDeriv` give "∂(calc)/∂(p_i)". Throws a RangeError for a leaf or a position
 * outside P_G(v).
 * @example derivText(G, v, 1) // "x" for v = x·y
 */
export function derivText(graph: ComputationalGraph, vertex: GraphVertex, i: number): string {
  const name = () => graph.nameOf(vertex);
  if (vertex.kind === null) throw new RangeError(`derivText: ${name()} is a leaf, it has no deriv`);
  if (!Number.isInteger(i) || i < 0 || i >= vertex.inputs.length) {
    throw new RangeError(
      `derivText: ${name()} has ${vertex.inputs.length} predecessor(s), no position ${i}`,
    );
  }
  const names = namesOf(graph, vertex);
  return vertex.kind.formatDeriv?.(names, i) ?? `∂(${vertex.kind.format(names)})/∂${names[i]}`;
}
