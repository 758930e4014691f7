// The tables beside the graph: F(v) and B(v) per vertex, and the gradient next to central differences.
import { calcText, type ComputationalGraph, type GraphVertex } from "gradus";
import { el, formatNumber, replaceChildren } from "../dom";
import type { SweepState } from "./sweep";

const cell = (text: string, attributes: Record<string, string> = {}) => el("td", attributes, text);

/** One row per vertex in topological order: name, calc, F(v), B(v) (blank until computed). */
export function renderValuesTable(
  table: HTMLElement,
  graph: ComputationalGraph,
  state: SweepState,
): void {
  const current = state.current;
  const rows = graph.vertices.map((vertex) => {
    const value = state.values.get(vertex);
    const adjoint = state.adjoints.get(vertex);
    const isCurrent =
      current !== null &&
      (current.kind === "backward" ? current.input === vertex : current.vertex === vertex);
    const name = graph.nameOf(vertex);
    return el(
      "tr",
      isCurrent ? { class: "is-current" } : {},
      el("th", { scope: "row" }, name),
      cell(calcText(graph, vertex), { class: "calc" }),
      cell(value === undefined ? "" : formatNumber(value), { testid: `value-${name}` }),
      cell(adjoint === undefined ? "" : formatNumber(adjoint), { testid: `adjoint-${name}` }),
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
 * ∂f/∂x for each variable (a leaf that is not a constant): B(x) once Backward has finished, the
 * central-difference estimate, and their difference. `numerical` is null when the estimate failed
 * (f not finite near the point).
 */
export function renderGradientTable(
  table: HTMLElement,
  graph: ComputationalGraph,
  variables: readonly GraphVertex[],
  state: SweepState,
  isFinished: boolean,
  numerical: Float64Array | null,
): void {
  const rows = variables.map((leaf, i) => {
    const name = graph.nameOf(leaf);
    const exact = isFinished ? state.adjoints.get(leaf) : undefined;
    const estimate = numerical?.[i];
    const gap =
      exact !== undefined && estimate !== undefined
        ? formatNumber(Math.abs(exact - estimate), 2)
        : "";
    return el(
      "tr",
      {},
      el("th", { scope: "row" }, `∂f/∂${name}`),
      cell(exact === undefined ? "—" : formatNumber(exact, 10), { testid: `grad-${name}` }),
      cell(estimate === undefined ? "—" : formatNumber(estimate, 10), {
        testid: `numgrad-${name}`,
      }),
      cell(gap, { testid: `graddiff-${name}` }),
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
