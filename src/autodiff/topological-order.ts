// Iterative topological order of the vertices a terminal depends on (no recursion: 10⁶-vertex chains work).
import { recordStampedOrder, takeStamps } from "./positions.js";
import type { Vertex } from "./vertex.js";

/** Thrown when the predecessor relation has a cycle, so no topological order exists. */
export class CycleError extends Error {
  constructor(readonly vertex: Vertex) {
    super("computational graph has a cycle: a vertex is its own (indirect) predecessor");
    this.name = "CycleError";
  }
}

const UNSEEN = 0;
const VISITING = 1;
const DONE = 2;

/**
 * Every vertex reachable from `terminal` through predecessor lists, each after all of its predecessors
 * (leaves first, `terminal` last). Depth-first post-order with an explicit stack. Vertices in
 * `boundary` are treated as leaves: the walk does not go past them (differentiating w.r.t. them).
 * Visit states live in the vertices' `mark` slots where they have one, else in a Map.
 */
export function topologicalOrder<V extends Vertex>(
  terminal: V,
  boundary?: ReadonlySet<Vertex>,
): V[] {
  // In mark slots: `visiting` while on the stack; once finished, visiting + 1 + its position in the
  // order, so the positions need no second pass (Positions reads them). Earlier walks' marks are
  // all smaller than `visiting`.
  const visiting = takeStamps(1);
  const base = visiting + 1;
  const states = new Map<Vertex, number>();
  const stateOf = (vertex: Vertex): number => {
    const mark = vertex.mark;
    if (mark === undefined) return states.get(vertex) ?? UNSEEN;
    return mark === visiting ? VISITING : mark > visiting ? DONE : UNSEEN;
  };
  const order: V[] = [];
  const vertexStack: Vertex[] = [terminal];
  const nextInput: number[] = [0];
  if (terminal.mark === undefined) states.set(terminal, VISITING);
  else terminal.mark = visiting;
  while (vertexStack.length > 0) {
    const top = vertexStack.length - 1;
    const vertex = vertexStack[top]!;
    const index = nextInput[top]!;
    if (index < vertex.inputs.length && !(boundary?.has(vertex) ?? false)) {
      nextInput[top] = index + 1;
      const input = vertex.inputs[index]!;
      const seen = stateOf(input);
      if (seen === VISITING) throw new CycleError(input);
      if (seen === UNSEEN) {
        if (input.mark === undefined) states.set(input, VISITING);
        else input.mark = visiting;
        vertexStack.push(input);
        nextInput.push(0);
      }
    } else {
      if (vertex.mark === undefined) states.set(vertex, DONE);
      else vertex.mark = base + order.length;
      order.push(vertex as V);
      vertexStack.pop();
      nextInput.pop();
    }
  }
  takeStamps(order.length);
  recordStampedOrder(order, base, states.size === 0);
  return order;
}
