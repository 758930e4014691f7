// The library's trace of Forward and Backward as single steps the page replays up to any step.
import type { BackwardStep, ForwardStep, GraphVertex, SweepTrace } from "gradus";

/** One step: F(v) computed, the terminal seeded with B = 1, or one update B(p) += B(v)·deriv(v, p). */
export type SweepStep =
  | (ForwardStep & { readonly kind: "forward" })
  | { readonly kind: "seed"; readonly vertex: GraphVertex }
  | (BackwardStep & { readonly kind: "backward" });

/** F and B after some steps; adjoints appear only once a vertex has been reached. */
export interface SweepState {
  readonly values: ReadonlyMap<GraphVertex, number>;
  readonly adjoints: ReadonlyMap<GraphVertex, number>;
  /** The Backward updates done, by vertex v and then by the position of p in P(v) (one per edge). */
  readonly doneEdges: ReadonlyMap<GraphVertex, ReadonlyMap<number, BackwardStep>>;
  readonly current: SweepStep | null;
}

/**
 * Every step of `trace` in the pseudocode's order: Forward in topological order, then B(terminal) ← 1,
 * then Backward's updates in reverse topological order, predecessors in list order.
 */
export function sweepSteps(trace: SweepTrace): SweepStep[] {
  return [
    ...trace.forward.map((step) => ({ ...step, kind: "forward" as const })),
    { kind: "seed", vertex: trace.graph.terminal },
    ...trace.backward.map((step) => ({ ...step, kind: "backward" as const })),
  ];
}

/** The state after the first `count` steps. */
export function replay(steps: readonly SweepStep[], count: number): SweepState {
  const values = new Map<GraphVertex, number>();
  const adjoints = new Map<GraphVertex, number>();
  const doneEdges = new Map<GraphVertex, Map<number, BackwardStep>>();
  for (const step of steps.slice(0, count)) {
    if (step.kind === "forward") values.set(step.vertex, step.value);
    else if (step.kind === "seed") adjoints.set(step.vertex, 1);
    else {
      adjoints.set(step.input, step.after);
      const done = doneEdges.get(step.vertex) ?? new Map<number, BackwardStep>();
      doneEdges.set(step.vertex, done.set(step.index, step));
    }
  }
  return { values, adjoints, doneEdges, current: count > 0 ? (steps[count - 1] ?? null) : null };
}

/** The number of Forward steps (one per vertex) in a plan. */
export const forwardCount = (steps: readonly SweepStep[]): number =>
  steps.filter((step) => step.kind === "forward").length;
