// The lecture's Forward and Backward sweeps as a list of single steps, replayable up to any step.
import type { GraphVertex, LectureGraph } from "./lecture-graph";

/** One step: F(v) computed, the terminal seeded with B = 1, or one update B(p) += B(v)·deriv(v, p). */
export type SweepStep =
  | { readonly kind: "forward"; readonly vertex: GraphVertex; readonly value: number }
  | { readonly kind: "seed"; readonly vertex: GraphVertex }
  | {
      readonly kind: "backward";
      readonly vertex: GraphVertex;
      readonly index: number;
      readonly input: GraphVertex;
      readonly vertexAdjoint: number;
      readonly deriv: number;
      /** B(p) after this update. */
      readonly adjoint: number;
    };

/** F and B after some steps; adjoints appear only once a vertex has been reached. */
export interface SweepState {
  readonly values: ReadonlyMap<GraphVertex, number>;
  readonly adjoints: ReadonlyMap<GraphVertex, number>;
  /** Backward updates done, as "vertexId#index" (one per edge). */
  readonly doneEdges: ReadonlySet<string>;
  readonly current: SweepStep | null;
}

export const edgeKey = (vertex: GraphVertex, index: number): string => `${vertex.id}#${index}`;

/**
 * Every step of Forward(G) then Backward(G, F) at `point` (variable → value), in the pseudocode's
 * order: topological order forwards; reverse topological order backwards, predecessors in list order.
 */
export function planSweeps(graph: LectureGraph, point: ReadonlyMap<string, number>): SweepStep[] {
  const steps: SweepStep[] = [];
  const values = new Map<GraphVertex, number>();
  const argsOf = (vertex: GraphVertex) => vertex.inputs.map((input) => values.get(input)!);
  for (const vertex of graph.vertices) {
    const value =
      vertex.inputs.length === 0
        ? (point.get(vertex.id) ?? Number.NaN)
        : vertex.calc(argsOf(vertex));
    values.set(vertex, value);
    steps.push({ kind: "forward", vertex, value });
  }
  const adjoints = new Map<GraphVertex, number>(graph.vertices.map((vertex) => [vertex, 0]));
  adjoints.set(graph.terminal, 1);
  steps.push({ kind: "seed", vertex: graph.terminal });
  for (const vertex of [...graph.vertices].reverse()) {
    const args = argsOf(vertex);
    vertex.inputs.forEach((input, index) => {
      const vertexAdjoint = adjoints.get(vertex)!;
      const deriv = vertex.deriv(args, index);
      const adjoint = adjoints.get(input)! + vertexAdjoint * deriv;
      adjoints.set(input, adjoint);
      steps.push({ kind: "backward", vertex, index, input, vertexAdjoint, deriv, adjoint });
    });
  }
  return steps;
}

/** The state after the first `count` steps. */
export function replay(steps: readonly SweepStep[], count: number): SweepState {
  const values = new Map<GraphVertex, number>();
  const adjoints = new Map<GraphVertex, number>();
  const doneEdges = new Set<string>();
  for (const step of steps.slice(0, count)) {
    if (step.kind === "forward") values.set(step.vertex, step.value);
    else if (step.kind === "seed") adjoints.set(step.vertex, 1);
    else {
      adjoints.set(step.input, step.adjoint);
      doneEdges.add(edgeKey(step.vertex, step.index));
    }
  }
  return { values, adjoints, doneEdges, current: count > 0 ? (steps[count - 1] ?? null) : null };
}

/** The number of Forward steps (one per vertex) in a plan. */
export const forwardCount = (steps: readonly SweepStep[]): number =>
  steps.filter((step) => step.kind === "forward").length;
