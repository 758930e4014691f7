// The sweeps written down: each F(v) of Forward and each B(p) += B(v)·deriv update of Backward.
import type { ComputationalGraph } from "./computational-graph.js";
import type { GraphVertex } from "./graph-vertex.js";
import { backward, forward, type Adjoints, type LeafValues, type Values } from "./sweeps.js";
import { calcText, derivText } from "./vertex-text.js";

/** One step of Forward: F(v) read (a leaf) or computed by calc. */
export interface ForwardStep {
  readonly vertex: GraphVertex;
  readonly name: string;
  /** calc over the predecessors' names, e.g. "log(x)"; "leaf" or "constant" for leaves. */
  readonly calc: string;
  readonly args: readonly number[];
  readonly value: number;
  /** Set when the value is NaN although every argument is a number (outside the function's domain). */
  readonly note?: string;
}

/** One update B(p) += B(v)·deriv(G, v, p) of Backward, with its numbers. */
export interface BackwardStep {
  readonly vertex: GraphVertex;
  readonly input: GraphVertex;
  /** Position of p in P_G(v). */
  readonly index: number;
  /** B(v). */
  readonly adjoint: number;
  /** deriv(G, v, p)(F(p1), …, F(pk)). */
  readonly deriv: number;
  /** deriv(G, v, p) as text over the predecessors' names, e.g. "1/x" (see `derivText`). */
  readonly derivText: string;
  /** B(v)·deriv. */
  readonly contribution: number;
  /** B(p) before and after the update. */
  readonly before: number;
  readonly after: number;
}

/** Both sweeps of one run, with their results F and B. */
export interface SweepTrace {
  readonly graph: ComputationalGraph;
  readonly F: Values;
  readonly B: Adjoints;
  readonly forward: readonly ForwardStep[];
  readonly backward: readonly BackwardStep[];
  /** The Forward notes, in order (NaN where a function is undefined). */
  readonly notes: readonly string[];
}

const domainNote = (step: Omit<ForwardStep, "note">): string =>
  `${step.name} = ${step.calc} is NaN at ${step.args.map(String).join(", ")}: outside the domain of ` +
  `${step.vertex.kind!.name}; everything downstream is NaN too`;

/**
 * Runs Forward(G) then Backward(G, F), recording every step.
 * @example formatTrace(traceSweeps(G, { x: 2, y: 5 })) // the two tables as text
 */
export function traceSweeps(graph: ComputationalGraph, inputs: LeafValues = {}): SweepTrace {
  const forwardSteps: ForwardStep[] = [];
  const notes: string[] = [];
  const F = forward(graph, inputs, (vertex, args, value) => {
    const name = graph.nameOf(vertex);
    const step = { vertex, name, calc: calcText(graph, vertex), args, value };
    if (Number.isNaN(value) && vertex.kind !== null && !args.some(Number.isNaN)) {
      const note = domainNote(step);
      notes.push(note);
      forwardSteps.push({ ...step, note });
    } else {
      forwardSteps.push(step);
    }
  });
  const backwardSteps: BackwardStep[] = [];
  const B = backward(graph, F, (vertex, index, adjoint, deriv, before) => {
    const contribution = adjoint * deriv;
    const input = vertex.inputs[index]!;
    const after = before + contribution;
    const text = derivText(graph, vertex, index);
    backwardSteps.push({
      vertex,
      input,
      index,
      adjoint,
      deriv,
      derivText: text,
      contribution,
      before,
      after,
    });
  });
  return { graph, F, B, forward: forwardSteps, backward: backwardSteps, notes };
}
