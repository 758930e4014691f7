// The lecture's Forward(G) and Backward(G, F); Backward runs through the one engine, backpropagate.
import { backpropagate, type AdjointRule } from "../autodiff/index.js";
import { GraphError, type ComputationalGraph } from "./computational-graph.js";
import type { GraphVertex } from "./graph-vertex.js";

/** F: the value of every vertex. */
export type Values = ReadonlyMap<GraphVertex, number>;
/** B: the adjoint ∂f/∂v of every vertex, f being the terminal. */
export type Adjoints = ReadonlyMap<GraphVertex, number>;
/** Leaf values by leaf name, overriding the values the leaves were made with. */
export type LeafValues = Readonly<Record<string, number>>;

/** Called after each F(v) is computed (the trace listens here). */
export type ForwardObserver = (vertex: GraphVertex, args: readonly number[], value: number) => void;

/** Called for each update B(p) += B(v)·deriv(v, p), with B(p) before it. */
export type BackwardObserver = (
  vertex: GraphVertex,
  index: number,
  adjoint: number,
  deriv: number,
  before: number,
) => void;

const argsOf = (vertex: GraphVertex, F: Values): number[] =>
  vertex.inputs.map((input) => F.get(input) ?? Number.NaN);

/**
 * Forward(G): in topological order, reads F(v) for a leaf and computes F(v) = calc(F(p1), …, F(pk))
 * otherwise. A leaf's value comes from `inputs[name]`, else from the leaf itself.
 * @example const F = forward(G, { x: 2, y: 5 }); F.get(G.terminal); // f(2, 5)
 */
export function forward(
  graph: ComputationalGraph,
  inputs: LeafValues = {},
  observe?: ForwardObserver,
): Map<GraphVertex, number> {
  const F = new Map<GraphVertex, number>();
  for (const v of graph.vertices) {
    if (v.kind === null) {
      const name = graph.nameOf(v);
      const value = !v.isConstant && Object.hasOwn(inputs, name) ? inputs[name] : v.value;
      if (value === undefined) {
        throw new GraphError(`leaf "${name}" has no value: pass it as forward(G, { ${name}: … })`);
      }
      F.set(v, value);
      observe?.(v, [], value);
    } else {
      const args = argsOf(v, F);
      const value = v.kind.calc(args);
      F.set(v, value);
      observe?.(v, args, value);
    }
  }
  return F;
}

/** The scalar chain rule for graph vertices: B(p) += B(v)·deriv(G, v, p)(F(p1), …, F(pk)). */
export function graphAdjointRule(
  F: Values,
  observe?: BackwardObserver,
): AdjointRule<GraphVertex, number> {
  let source: GraphVertex | null = null;
  let adjointOfSource = 0;
  let derivs: readonly number[] = [];
  let next = 0;
  return {
    pullback(v, adjoint) {
      const args = argsOf(v, F);
      derivs = v.inputs.map((_, i) => v.kind!.deriv(args, i));
      source = v;
      adjointOfSource = adjoint;
      next = 0;
      return derivs.map((deriv) => adjoint * deriv);
    },
    accumulate(current, contribution) {
      const before = current ?? 0;
      if (observe !== undefined && source !== null) {
        const index = next++;
        observe(source, index, adjointOfSource, derivs[index]!, before);
      }
      return before + contribution;
    },
  };
}

/**
 * Backward(G, F): B(v) ← 0 for all v, B(terminal) ← 1, then in reverse topological order
 * B(p) += B(v)·deriv(G, v, p)(F(p1), …, F(pk)) for every p in P_G(v) (repeats add twice).
 * The sweep is the shared engine's `backpropagate` with `graphAdjointRule`.
 * @example const B = backward(G, forward(G)); B.get(x); // ∂f/∂x
 */
export function backward(
  graph: ComputationalGraph,
  F: Values,
  observe?: BackwardObserver,
): Map<GraphVertex, number> {
  const B = backpropagate(graph.terminal, 1, graphAdjointRule(F, observe), {
    order: graph.vertices,
  });
  // Every vertex has a path to the terminal, so B has them all; this only guards the B(v) ← 0 start.
  if (B.size < graph.vertices.length) for (const v of graph.vertices) if (!B.has(v)) B.set(v, 0);
  return B;
}
