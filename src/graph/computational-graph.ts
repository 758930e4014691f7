// G = (V, E) as formalised in the lecture: acyclic, ordered predecessor lists, exactly one terminal.
import { CycleError, topologicalOrder, type Vertex } from "../autodiff/index.js";
import type { GraphVertex } from "./graph-vertex.js";

/** A graph that breaks the lecture's assumptions (a terminal count other than 1, a stray vertex). */
export class GraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphError";
  }
}

/** A validated computational graph. */
export interface ComputationalGraph {
  /** Every vertex in topological order (each after all of its predecessors; the terminal last). */
  readonly vertices: readonly GraphVertex[];
  /** L(G): the vertices without predecessors, in topological order. */
  readonly leaves: readonly GraphVertex[];
  /** The single vertex of T(G): no edge leaves it. */
  readonly terminal: GraphVertex;
  /** The vertex's own name, or the one the graph gave it (v1, v2, … in topological order). */
  nameOf(vertex: GraphVertex): string;
}

function assignNames(order: readonly GraphVertex[]): Map<GraphVertex, string> {
  const used = new Set(order.flatMap((v) => (v.name === undefined ? [] : [v.name])));
  const names = new Map<GraphVertex, string>();
  let counter = 0;
  for (const v of order) {
    let name = v.name;
    while (name === undefined || (v.name === undefined && used.has(name))) name = `v${++counter}`;
    names.set(v, name);
  }
  return names;
}

const describe = (vertex: GraphVertex): string =>
  vertex.name === undefined ? "an unnamed vertex" : `"${vertex.name}"`;

/**
 * The graph of `vertices` (V, with E given by their predecessor lists), or of every vertex a single
 * `terminal` depends on. Throws a `CycleError` for a cycle and a `GraphError` when T(G) does not have
 * exactly one vertex or a predecessor is missing from V.
 * @example
 * const x = leaf("x", 2), y = leaf("y", 5);
 * const G = computationalGraph(vertex(vertexKinds.mul, [x, y], "f"));
 * G.terminal.name; // "f"
 */
export function computationalGraph(
  vertices: GraphVertex | readonly GraphVertex[],
): ComputationalGraph {
  const given = Array.isArray(vertices) ? (vertices as readonly GraphVertex[]) : null;
  const top: Vertex = given === null ? (vertices as GraphVertex) : { inputs: given };
  let order: GraphVertex[];
  try {
    order = topologicalOrder(top) as GraphVertex[];
  } catch (error) {
    if (error instanceof CycleError) {
      error.message = `computational graph has a cycle through ${describe(error.vertex as GraphVertex)}: a vertex is its own (indirect) predecessor`;
    }
    throw error;
  }
  if (given !== null) {
    order.pop();
    const members = new Set(given);
    for (const v of order) {
      if (!members.has(v)) {
        throw new GraphError(
          `a predecessor of the graph's vertices is not in V: ${describe(v)} (list every vertex, or pass the terminal alone)`,
        );
      }
    }
    const hasSuccessor = new Set<GraphVertex>();
    for (const v of order) for (const input of v.inputs) hasSuccessor.add(input);
    const terminals = order.filter((v) => !hasSuccessor.has(v));
    if (terminals.length !== 1) {
      const names = assignNames(order);
      const list = terminals.map((v) => names.get(v)!).join(", ");
      throw new GraphError(
        `a computational graph needs exactly one terminal vertex (no edge leaving it), found ${terminals.length}: ${list || "none"}`,
      );
    }
  }
  // With one terminal every vertex has a path to it, so it comes last in any topological order.
  const terminal = order[order.length - 1]!;
  let names: Map<GraphVertex, string> | null = null;
  return {
    vertices: order,
    leaves: order.filter((v) => v.isLeaf),
    terminal,
    nameOf: (v) => v.name ?? (names ??= assignNames(order)).get(v) ?? "?",
  };
}
