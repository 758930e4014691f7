// The one reverse-mode engine: the lecture's Backward(G, F), generic over the adjoint type.
import { Positions } from "./vertex-marks.js";
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
 * accumulates B(p) += B(v)·∂v/∂p for every predecessor p, and finally hands each vertex reached with
 * its adjoint to `deliver` (terminal first). Adjoints live in an array indexed by order position, so
 * no Map is needed when the vertices have `mark` slots.
 * @example sweepAdjoints(loss, 1, rule, (vertex, adjoint) => { vertex.grad += adjoint; });
 */
export function sweepAdjoints<V extends Vertex, A>(
  terminal: V,
  seed: A,
  rule: AdjointRule<V, A>,
  deliver: (vertex: V, adjoint: A) => void,
  options: BackpropagateOptions<V> = {},
): void {
  const order = options.order ?? topologicalOrder(terminal, options.boundary);
  const boundary = options.boundary;
  const positions = new Positions(order);
  const adjoints = new Array<A | undefined>(order.length).fill(undefined);
  let outside: Map<V, A> | null = null;
  const add = (target: V, contribution: A): void => {
    const at = positions.of(target);
    if (at >= 0) adjoints[at] = rule.accumulate(adjoints[at], contribution, target);
    else
      (outside ??= new Map()).set(
        target,
        rule.accumulate(outside.get(target), contribution, target),
      );
  };
  const at = positions.of(terminal);
  if (at >= 0) adjoints[at] = seed;
  else (outside ??= new Map()).set(terminal, seed);
  for (let position = order.length - 1; position >= 0; position--) {
    const vertex = order[position]!;
    const adjoint = adjoints[position];
    if (adjoint === undefined) continue;
    // every successor of this vertex sits later in the order, so its adjoint is complete now
    deliver(vertex, adjoint);
    if (vertex.inputs.length === 0) continue;
    if (boundary !== undefined && boundary.has(vertex)) continue;
    const contributions = rule.pullback(vertex, adjoint);
    const inputs = vertex.inputs as readonly V[];
    for (let i = 0; i < inputs.length; i++) {
      const contribution = contributions[i];
      if (contribution !== null && contribution !== undefined) add(inputs[i]!, contribution);
    }
  }
  if (outside !== null) for (const [vertex, adjoint] of outside) deliver(vertex, adjoint);
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
  const adjoints = new Map<V, A>();
  sweepAdjoints(terminal, seed, rule, (vertex, adjoint) => adjoints.set(vertex, adjoint), options);
  return adjoints;
}
