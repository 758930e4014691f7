// The one reverse-mode engine: the lecture's Backward(G, F), generic over the adjoint type.
import { topologicalOrder } from "./topological-order.js";
import type { AdjointRule, Vertex } from "./vertex.js";

export interface BackpropagateOptions<V extends Vertex> {
  /** A precomputed topological order ending in the terminal (saves a sweep when the caller has one). */
  readonly order?: readonly V[];
  /** Vertices treated as leaves: the sweep stops there (gradients w.r.t. inner vertices). */
  readonly boundary?: ReadonlySet<Vertex>;
}

/**
 * Sweeps the vertices in reverse topological order from `terminal`, seeded with B(terminal) = `seed`,
 * and accumulates B(p) += B(v)·∂v/∂p for every predecessor p. Returns B for every vertex reached.
 * When a vertex's adjoint is read, every path from it to the terminal has contributed (the lecture's
 * invariant), so it is the full derivative of the terminal with respect to that vertex.
 */
export function backpropagate<V extends Vertex, A>(
  terminal: V,
  seed: A,
  rule: AdjointRule<V, A>,
  options: BackpropagateOptions<V> = {},
): Map<V, A> {
  const order = options.order ?? topologicalOrder(terminal, options.boundary);
  const boundary = options.boundary;
  const adjoints = new Map<V, A>();
  adjoints.set(terminal, seed);
  for (let position = order.length - 1; position >= 0; position--) {
    const vertex = order[position]!;
    if (vertex.inputs.length === 0 || (boundary?.has(vertex) ?? false)) continue;
    const adjoint = adjoints.get(vertex);
    if (adjoint === undefined) continue;
    const contributions = rule.pullback(vertex, adjoint);
    const inputs = vertex.inputs as readonly V[];
    for (let i = 0; i < inputs.length; i++) {
      const contribution = contributions[i];
      if (contribution === null || contribution === undefined) continue;
      const input = inputs[i]!;
      adjoints.set(input, rule.accumulate(adjoints.get(input), contribution, input));
    }
  }
  return adjoints;
}
