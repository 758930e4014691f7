// Words for the sweeps: what the current step did, in the lecture's notation, and where f is undefined.
import type { ComputationalGraph, SweepTrace } from "gradus";
import { formatFactor, formatNumber } from "../dom";
import { forwardCount, type SweepStep } from "./sweep";

/** A sentence for the state after `count` steps of `steps`. */
export function describeStep(
  steps: readonly SweepStep[],
  count: number,
  graph: ComputationalGraph,
): string {
  const forwardSteps = forwardCount(steps);
  const step = steps[count - 1];
  if (step === undefined) {
    return "Forward step computes F(v) for one vertex at a time, in topological order.";
  }
  const number =
    count <= forwardSteps
      ? `Forward ${count}/${forwardSteps}`
      : `Backward ${count - forwardSteps}/${steps.length - forwardSteps}`;
  const v = graph.nameOf(step.vertex);
  let text: string;
  if (step.kind === "forward") {
    const value = formatNumber(step.value);
    text = step.vertex.isConstant
      ? `${v} is a constant leaf: F(${v}) = ${value}.`
      : step.vertex.isLeaf
        ? `${v} is a leaf: read F(${v}) = ${value}.`
        : `F(${v}) = calc(${step.calc}) = ${value}.`;
    if (count === forwardSteps) text += " Forward is done; Backward step starts the adjoints.";
  } else if (step.kind === "seed") {
    text = `B(v) ← 0 for every v, then B(${v}) ← 1: ${v} is the terminal.`;
  } else {
    const p = graph.nameOf(step.input);
    text =
      `B(${p}) += B(${v}) · ∂${v}/∂${p} = ${formatFactor(step.adjoint)} · ` +
      `(${step.derivText} = ${formatNumber(step.deriv)}), so B(${p}) = ${formatNumber(step.after)}.`;
  }
  if (count === steps.length) {
    const names = graph.leaves
      .filter((leaf) => !leaf.isConstant)
      .map((leaf) => `B(${graph.nameOf(leaf)}) = ∂f/∂${graph.nameOf(leaf)}`);
    if (names.length > 0) text += ` Backward is done: ${names.join(", ")}.`;
  }
  return `${number}: ${text}`;
}

/** Notes for vertices whose value is not finite although their inputs are (where NaN or ∞ starts). */
export function undefinedPoints(trace: SweepTrace): string[] {
  const graph = trace.graph;
  const notes: string[] = [];
  for (const step of trace.forward) {
    if (Number.isFinite(step.value) || !step.args.every(Number.isFinite)) continue;
    const at = step.vertex.inputs
      .filter((input) => !input.isConstant)
      .map((input) => `${graph.nameOf(input)} = ${formatNumber(trace.F.get(input)!)}`);
    const where = at.length > 0 ? ` at ${[...new Set(at)].join(", ")}` : "";
    notes.push(
      `Undefined point: ${step.name} = ${step.calc} is ${formatNumber(step.value)}${where}.`,
    );
  }
  const f = trace.F.get(graph.terminal) ?? Number.NaN;
  if (notes.length > 0 && !Number.isFinite(f)) {
    notes.push(
      `So f = ${formatNumber(f)}: f has no derivative here, whatever numbers Backward's local derivatives multiply to.`,
    );
  }
  return notes;
}
