// Draws the lecture graph once with Graphviz (WASM, offline), then paints each step's F, B and highlights.
import { instance, type Viz } from "@viz-js/viz";
import { formatFactor, formatNumber } from "../dom";
import { EMPTY_ADJOINT, EMPTY_VALUE, edgeElementId, graphDot, vertexElementId } from "./graph-dot";
import type { LectureGraph } from "./lecture-graph";
import { edgeKey, type SweepState } from "./sweep";

let vizInstance: Promise<Viz> | null = null;
const SVG_NS = "http://www.w3.org/2000/svg";

/** The graph picture: `show` lays a graph out, `paint` fills in a sweep state without moving anything. */
export class GraphView {
  private graph: LectureGraph | null = null;
  private readonly edgeLabels = new Map<string, SVGTextElement>();
  private generation = 0;

  constructor(readonly element: HTMLElement) {}

  /** Lays out `graph`; resolves false when a newer call superseded this one. */
  async show(graph: LectureGraph): Promise<boolean> {
    const generation = ++this.generation;
    vizInstance ??= instance();
    const svg = (await vizInstance).renderSVGElement(graphDot(graph));
    if (generation !== this.generation) return false;
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "computational graph");
    this.element.replaceChildren(svg);
    this.graph = graph;
    this.edgeLabels.clear();
    for (const vertex of graph.vertices) {
      vertex.inputs.forEach((_, index) => {
        const group = svg.getElementById(edgeElementId(vertex.id, index));
        const path = group?.querySelector("path");
        if (!group || !path) return;
        const middle = path.getPointAtLength(path.getTotalLength() / 2);
        const text = document.createElementNS(SVG_NS, "text");
        text.setAttribute("x", String(middle.x));
        text.setAttribute("y", String(middle.y - 6));
        text.setAttribute("class", "edge-label");
        group.append(text);
        this.edgeLabels.set(edgeKey(vertex, index), text);
      });
    }
    return true;
  }

  /** Shows F and B where known, the current vertex or edge highlighted, finished edges in green. */
  paint(state: SweepState): void {
    const graph = this.graph;
    const svg = this.element.querySelector("svg");
    if (graph === null || svg === null) return;
    const current = state.current;
    for (const vertex of graph.vertices) {
      const group = svg.getElementById(vertexElementId(vertex.id));
      if (!group) continue;
      const texts = group.querySelectorAll("text");
      const value = state.values.get(vertex);
      const adjoint = state.adjoints.get(vertex);
      setText(
        texts[texts.length - 2],
        value === undefined ? EMPTY_VALUE : `F = ${formatNumber(value)}`,
      );
      setText(
        texts[texts.length - 1],
        adjoint === undefined ? EMPTY_ADJOINT : `B = ${formatNumber(adjoint)}`,
      );
      group.classList.toggle(
        "is-forward",
        current?.kind === "forward" && current.vertex === vertex,
      );
      group.classList.toggle(
        "is-adjoint",
        (current?.kind === "seed" && current.vertex === vertex) ||
          (current?.kind === "backward" && current.input === vertex),
      );
      group.classList.toggle(
        "is-source",
        current?.kind === "backward" && current.vertex === vertex,
      );
      group.classList.toggle("is-undefined", value !== undefined && !Number.isFinite(value));
    }
    for (const vertex of graph.vertices) {
      vertex.inputs.forEach((input, index) => {
        const key = edgeKey(vertex, index);
        const group = svg.getElementById(edgeElementId(vertex.id, index));
        const label = this.edgeLabels.get(key);
        const isActive =
          current?.kind === "backward" && current.vertex === vertex && current.index === index;
        const isDone = state.doneEdges.has(key) && !isActive;
        group?.classList.toggle("is-active", isActive);
        group?.classList.toggle("is-done", isDone);
        group?.classList.toggle(
          "is-forward",
          current?.kind === "forward" && current.vertex === vertex,
        );
        if (label === undefined) return;
        if (isActive && current.kind === "backward") {
          label.textContent = `B(${input.id}) += ${formatFactor(current.vertexAdjoint)} · ${formatFactor(current.deriv)}`;
        } else if (isDone) {
          const args = vertex.inputs.map((p) => state.values.get(p) ?? Number.NaN);
          label.textContent = `∂ = ${formatNumber(vertex.deriv(args, index))}`;
        } else label.textContent = "";
      });
    }
  }
}

function setText(text: SVGTextElement | undefined, content: string): void {
  if (text !== undefined) text.textContent = content;
}
