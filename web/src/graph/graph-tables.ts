// The tables beside the graph: F(v) and B(v) per vertex, and the gradient next to central differences.
import { el, formatNumber, replaceChildren } from "../dom";
import type { LectureGraph } from "./lecture-graph";
import type { SweepState } from "./sweep";

const cell = (text: string, attributes: Record<string, string> = {}) => el("td", attributes, text);

/** One row per vertex in topological order: name, calc, F(v), B(v) (blank until computed). */
export function renderValuesTable(
  table: HTMLElement,
  graph: LectureGraph,
  state: SweepState,
): void {
  const current = state.current;
  const rows = graph.vertices.map((vertex) => {
    const value = state.values.get(vertex);
    const adjoint = state.adjoints.get(vertex);
    const isCurrent =
      current !== null &&
      (current.kind === "backward" ? current.input === vertex : current.vertex === vertex);
    return el(
      "tr",
      isCurrent ? { class: "is-current" } : {},
      el("th", { scope: "row" }, vertex.id),
      cell(vertex.inputs.length === 0 ? "leaf" : vertex.calcText, { class: "calc" }),
      cell(value === undefined ? "" : formatNumber(value), { testid: `value-${vertex.id}` }),
      cell(adjoint === undefined ? "" : formatNumber(adjoint), { testid: `adjoint-${vertex.id}` }),
    );
  });
  replaceChildren(
    table,
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", {}, "v"),
        el("th", {}, "calc"),
        el("th", {}, "F(v)"),
        el("th", {}, "B(v)"),
      ),
    ),
    el("tbody", {}, ...rows),
  );
}

/**
 * ∂f/∂x for each variable: B(x) once Backward has finished, the central-difference estimate, and
 * their difference. `numerical` is null when the estimate failed (f not finite near the point).
 */
export function renderGradientTable(
  table: HTMLElement,
  graph: LectureGraph,
  state: SweepState,
  isFinished: boolean,
  numerical: Float64Array | null,
): void {
  const rows = graph.leaves.map((leaf, i) => {
    const exact = isFinished ? state.adjoints.get(leaf) : undefined;
    const estimate = numerical?.[i];
    const gap =
      exact !== undefined && estimate !== undefined
        ? formatNumber(Math.abs(exact - estimate), 2)
        : "";
    return el(
      "tr",
      {},
      el("th", { scope: "row" }, `∂f/∂${leaf.id}`),
      cell(exact === undefined ? "—" : formatNumber(exact, 10), { testid: `grad-${leaf.id}` }),
      cell(estimate === undefined ? "—" : formatNumber(estimate, 10), {
        testid: `numgrad-${leaf.id}`,
      }),
      cell(gap, { testid: `graddiff-${leaf.id}` }),
    );
  });
  replaceChildren(
    table,
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", {}, ""),
        el("th", {}, "backprop"),
        el("th", {}, "central diff."),
        el("th", {}, "|gap|"),
      ),
    ),
    el("tbody", {}, ...rows),
  );
}
