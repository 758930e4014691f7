// Page 1: an expression, its computational graph, and the lecture's Forward/Backward sweeps step by step.
import "./graph.css";
import {
  forward as forwardSweep,
  graphFromExpr,
  numericalGrad,
  parseExpression,
  traceSweeps,
  type ComputationalGraph,
  type GraphVertex,
} from "gradus";
import { el, formatNumber, parseNumber, replaceChildren } from "../dom";
import { GraphView } from "./graph-view";
import { renderGradientTable, renderValuesTable } from "./graph-tables";
import { describeStep, undefinedPoints } from "./step-text";
import { forwardCount, replay, sweepSteps, type SweepStep } from "./sweep";

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

  let graph: ComputationalGraph | null = null;
  /** The graph's variables: its leaves that are not constants, in topological order. */
  let leaves: GraphVertex[] = [];
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
    renderGradientTable(gradientTable, graph, leaves, state, count === steps.length, numerical);
    const f = state.values.get(graph.terminal);
    fValue.textContent = f === undefined ? "·" : formatNumber(f, 8);
    status.textContent = describeStep(steps, count, graph);
  };

  /** The variables' values by name, or why one cannot be read. */
  const readPoint = (names: readonly string[]): Record<string, number> | string => {
    const point: Record<string, number> = {};
    for (const name of names) {
      const input = variables.querySelector<HTMLInputElement>(`[data-testid="var-${name}"]`);
      const value = parseNumber(input?.value ?? "");
      input?.classList.toggle("invalid", !Number.isFinite(value));
      if (!Number.isFinite(value)) return `${name} must be a number, not "${input?.value ?? ""}"`;
      point[name] = value;
      known.set(name, value);
    }
    return point;
  };

  const recompute = () => {
    if (graph === null) return;
    const target = graph;
    const names = leaves.map((leaf) => target.nameOf(leaf));
    const point = readPoint(names);
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
    const trace = traceSweeps(target, point);
    steps = sweepSteps(trace);
    count = wasFinished ? steps.length : Math.min(count, previousForward);
    const f = (x: Float64Array) =>
      forwardSweep(target, Object.fromEntries(names.map((name, i) => [name, x[i]!]))).get(
        target.terminal,
      )!;
    const problems = undefinedPoints(trace);
    try {
      numerical = numericalGrad(
        f,
        names.map((name) => point[name]!),
      );
    } catch (cause) {
      numerical = null;
      problems.push(`Central differences: ${(cause as Error).message}.`);
    }
    notes.textContent = problems.join(" ");
    render();
  };

  const variableInputs = (names: readonly string[]) =>
    names.map((name) =>
      el(
        "label",
        {},
        `${name} = `,
        el("input", {
          testid: `var-${name}`,
          type: "text",
          inputmode: "decimal",
          value: String(known.get(name) ?? 1),
          "aria-label": `value of ${name}`,
        }),
      ),
    );

  const rebuild = async () => {
    let next: ComputationalGraph;
    try {
      next = graphFromExpr(parseExpression(expressionInput.value), {}, { terminalName: "f" });
    } catch (cause) {
      error.textContent = (cause as Error).message;
      expressionInput.classList.add("invalid");
      return;
    }
    expressionInput.classList.remove("invalid");
    error.textContent = "";
    graph = next;
    leaves = next.leaves.filter((leaf) => !leaf.isConstant);
    steps = [];
    count = 0;
    replaceChildren(variables, ...variableInputs(leaves.map((leaf) => next.nameOf(leaf))));
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
