// Iterative topological order of the vertices a terminal depends on (no recursion: 10⁶-vertex chains work).
import { VisitMarks } from "./vertex-marks.js";
import type { Vertex } from "./vertex.js";

/** Thrown when the predecessor relation has a cycle, so no topological order exists. */
export class CycleError extends Error {
  constructor(readonly vertex: Vertex) {
    super("computational graph has a cycle: a vertex is its own (indirect) predecessor");
    this.name = "CycleError";
  }
}

/**
 * Every vertex reachable from `terminal` through predecessor lists, each after all of its predecessors
 * (leaves first, `terminal` last): depth-first post-order with an explicit stack. Vertices in
 * `boundary` are treated as leaves: the walk does not go past them (differentiating w.r.t. them).
 */
export function topologicalOrder<V extends Vertex>(
  terminal: V,
  boundary?: ReadonlySet<Vertex>,
): V[] {
  const marks = new VisitMarks();
  const order: V[] = [];
  const stack: Vertex[] = [terminal];
  const nextInput: number[] = [0];
  marks.enter(terminal);
  while (stack.length > 0) {
    const top = stack.length - 1;
    const vertex = stack[top]!;
    const index = nextInput[top]!;
    if (index < vertex.inputs.length && !(boundary?.has(vertex) ?? false)) {
      nextInput[top] = index + 1;
      const input = vertex.inputs[index]!;
      const state = marks.state(input);
      if (state === "visiting") throw new CycleError(input);
      if (state === "unseen") {
        marks.enter(input);
        stack.push(input);
        nextInput.push(0);
      }
    } else {
      // all predecessors are placed: this vertex comes next
      marks.finish(vertex);
      order.push(vertex as V);
      stack.pop();
      nextInput.pop();
    }
  }
  marks.close(order);
  return order;
}
