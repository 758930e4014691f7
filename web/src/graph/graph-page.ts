// Page 1: an expression, its computational graph, and the lecture's Forward/Backward sweeps step by step.
import "./graph.css";
import { evaluate, numericalGrad, ParseError } from "gradus";
import { el, formatNumber, parseNumber, replaceChildren } from "../dom";
import { GraphView } from "./graph-view";
import { renderGradientTable, renderValuesTable } from "./graph-tables";
import { buildLectureGraph, type LectureGraph } from "./lecture-graph";
import { describeStep, undefinedPoints } from "./step-text";
import { forwardCount, planSweeps, replay, type SweepStep } from "./sweep";

const DEFAULT_EXPRESSION = "log(x) + x*y - sin(y)";
const DEFAULT_VALUES: Record<string, number> = { x: 2, y: 5 };

/** Builds page 1 into `root`. */
export function mountGraphPage(root: HTMLElement): void {
  const expressionInput = el("input", {
    testid: "expression",
    type: "text",
    value: DEFAULT_EXPRESSION,
    spellcheck: "false",
    "aria-label": "expression f",
  });
  const variables = el("div", { class: "variables", testid: "variables" });
  const button = (label: string, testid: string, title: string) =>
    el("button", { type: "button", testid, title }, label);
  const back = button("◀ Back", "step-back", "Undo the last step (←)");
  const forward = button(
    "Forward step",
    "step-forward",
    "Compute the next F(v) in topological order (→)",
  );
  const backward = button(
    "Backward step",
    "step-backward",
    "Do the next B(p) += B(v)·deriv update (→)",
  );
  const runAll = button("Run all", "run-all", "Finish Forward and Backward");
  const reset = button("Reset", "reset", "Clear all F and B");
  const error = el("p", { class: "error", testid: "error", role: "alert" });
  const notes = el("p", { class: "note", testid: "notes" });
  const status = el("p", { class: "status", testid: "step-status", "aria-live": "polite" });
  const graphElement = el("div", { class: "graph", testid: "graph" });
  const valuesTable = el("table", { class: "values", testid: "values-table" });
  const gradientTable = el("table", { class: "gradient", testid: "gradient-table" });
  const fValue = el("span", { testid: "f-value" });
  const view = new GraphView(graphElement);
  const known = new Map<string, number>(Object.entries(DEFAULT_VALUES));

  let graph: LectureGraph | null = null;
  let steps: SweepStep[] = [];
  let count = 0;
  let numerical: Float64Array | null = null;

  const render = () => {
    const forwardSteps = forwardCount(steps);
    back.disabled = count === 0;
    forward.disabled = graph === null || count >= forwardSteps;
    backward.disabled = graph === null || count < forwardSteps || count >= steps.length;
    runAll.disabled = graph === null || count >= steps.length;
    reset.disabled = count === 0;
    if (graph === null) return;
    const state = replay(steps, count);
    view.paint(state);
    renderValuesTable(valuesTable, graph, state);
    renderGradientTable(gradientTable, graph, state, count === steps.length, numerical);
    const f = state.values.get(graph.terminal);
    fValue.textContent = f === undefined ? "·" : formatNumber(f, 8);
    status.textContent = describeStep(steps, count, graph);
  };

  const readPoint = (target: LectureGraph): Map<string, number> | string => {
    const point = new Map<string, number>();
    for (const leaf of target.leaves) {
      const input = variables.querySelector<HTMLInputElement>(`[data-testid="var-${leaf.id}"]`);
      const value = parseNumber(input?.value ?? "");
      input?.classList.toggle("invalid", !Number.isFinite(value));
      if (!Number.isFinite(value))
        return `${leaf.id} must be a number, not "${input?.value ?? ""}"`;
      point.set(leaf.id, value);
      known.set(leaf.id, value);
    }
    return point;
  };

  const recompute = () => {
    if (graph === null) return;
    const point = readPoint(graph);
    if (typeof point === "string") {
      steps = [];
      count = 0;
      error.textContent = point;
      render();
      return;
    }
    error.textContent = "";
    const previousForward = forwardCount(steps);
    const wasFinished = steps.length > 0 && count === steps.length;
    steps = planSweeps(graph, point);
    count = wasFinished ? steps.length : Math.min(count, previousForward);
    const target = graph;
    const values = target.leaves.map((leaf) => point.get(leaf.id)!);
    const f = (x: Float64Array) =>
      evaluate(
        target.expression,
        Object.fromEntries(target.leaves.map((leaf, i) => [leaf.id, x[i]!])),
      );
    const problems = undefinedPoints(steps);
    try {
      numerical = numericalGrad(f, values);
    } catch (cause) {
      numerical = null;
      problems.push(`Central differences: ${(cause as Error).message}.`);
    }
    notes.textContent = problems.join(" ");
    render();
  };

  const variableInputs = (target: LectureGraph) =>
    target.leaves.map((leaf) =>
      el(
        "label",
        {},
        `${leaf.id} = `,
        el("input", {
          testid: `var-${leaf.id}`,
          type: "text",
          inputmode: "decimal",
          value: String(known.get(leaf.id) ?? 1),
          "aria-label": `value of ${leaf.id}`,
        }),
      ),
    );

  const rebuild = async () => {
    let next: LectureGraph;
    try {
      next = buildLectureGraph(expressionInput.value);
    } catch (cause) {
      const message = cause instanceof ParseError ? cause.message : (cause as Error).message;
      error.textContent = message;
      expressionInput.classList.add("invalid");
      return;
    }
    expressionInput.classList.remove("invalid");
    error.textContent = "";
    graph = next;
    steps = [];
    count = 0;
    replaceChildren(variables, ...variableInputs(next));
    recompute();
    if (await view.show(next)) render();
  };

  const step = (delta: number) => {
    count = Math.max(0, Math.min(steps.length, count + delta));
    render();
  };
  expressionInput.addEventListener("input", () => void rebuild());
  variables.addEventListener("input", recompute);
  back.addEventListener("click", () => step(-1));
  forward.addEventListener("click", () => step(1));
  backward.addEventListener("click", () => step(1));
  runAll.addEventListener("click", () => step(steps.length));
  reset.addEventListener("click", () => step(-steps.length));
  document.addEventListener("keydown", (event) => {
    if (root.hidden || event.target instanceof HTMLInputElement) return;
    if (event.key === "ArrowRight") step(1);
    if (event.key === "ArrowLeft") step(-1);
  });

  replaceChildren(
    root,
    el(
      "div",
      { class: "controls" },
      el("label", { class: "expression" }, "f = ", expressionInput),
      variables,
    ),
    error,
    el("div", { class: "buttons" }, back, forward, backward, runAll, reset),
    status,
    notes,
    el(
      "div",
      { class: "graph-layout" },
      graphElement,
      el(
        "div",
        { class: "side" },
        valuesTable,
        el("p", { class: "f-line" }, "f = ", fValue),
        el("h3", {}, "Gradient"),
        gradientTable,
      ),
    ),
  );
  void rebuild();
}
