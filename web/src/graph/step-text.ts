// Words for the sweeps: what the current step did, in the lecture's notation, and where f is undefined.
import { formatFactor, formatNumber } from "../dom";
import type { LectureGraph } from "./lecture-graph";
import { forwardCount, type SweepStep } from "./sweep";

/** A sentence for the state after `count` steps of `steps`. */
export function describeStep(
  steps: readonly SweepStep[],
  count: number,
  graph: LectureGraph,
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
  const { vertex } = step;
  let text: string;
  if (step.kind === "forward") {
    text =
      vertex.inputs.length === 0
        ? `${vertex.id} is a leaf: read F(${vertex.id}) = ${formatNumber(step.value)}.`
        : `F(${vertex.id}) = calc(${vertex.calcText}) = ${formatNumber(step.value)}.`;
    if (count === forwardSteps) text += " Forward is done; Backward step starts the adjoints.";
  } else if (step.kind === "seed") {
    text = `B(v) ← 0 for every v, then B(${vertex.id}) ← 1: ${vertex.id} is the terminal.`;
  } else {
    const name = `∂${vertex.id}/∂${step.input.id}`;
    text =
      `B(${step.input.id}) += B(${vertex.id}) · ${name} = ${formatFactor(step.vertexAdjoint)} · ` +
      `(${vertex.derivText(step.index)} = ${formatNumber(step.deriv)}), so B(${step.input.id}) = ${formatNumber(step.adjoint)}.`;
  }
  if (count === steps.length) {
    const names = graph.leaves.map((leaf) => `B(${leaf.id}) = ∂f/∂${leaf.id}`).join(", ");
    text += ` Backward is done: ${names}.`;
  }
  return `${number}: ${text}`;
}

/** Notes for vertices whose value is not finite although their inputs are (where NaN or ∞ starts). */
export function undefinedPoints(steps: readonly SweepStep[]): string[] {
  const values = new Map<string, number>();
  const notes: string[] = [];
  let f = 0;
  for (const step of steps) {
    if (step.kind !== "forward") continue;
    values.set(step.vertex.id, step.value);
    f = step.value;
    const args = step.vertex.inputs.map((input) => values.get(input.id) ?? Number.NaN);
    if (!Number.isFinite(step.value) && args.every(Number.isFinite)) {
      const at = step.vertex.inputs.map((input, i) => `${input.id} = ${formatNumber(args[i]!)}`);
      notes.push(
        `Undefined point: ${step.vertex.id} = ${step.vertex.calcText} is ${formatNumber(step.value)} at ${[...new Set(at)].join(", ")}.`,
      );
    }
  }
  if (notes.length > 0 && !Number.isFinite(f)) {
    notes.push(
      `So f = ${formatNumber(f)}: f has no derivative here, whatever numbers Backward's local derivatives multiply to.`,
    );
  }
  return notes;
}
