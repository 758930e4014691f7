// Draws the library graph once with Graphviz (WASM, offline), then paints each step's F, B and highlights.
import { instance, type Viz } from "@viz-js/viz";
import type { ComputationalGraph } from "gradus";
import { formatFactor, formatNumber } from "../dom";
import { EMPTY_ADJOINT, EMPTY_VALUE, edgeElementId, graphDot, vertexElementId } from "./graph-dot";
import type { SweepState } from "./sweep";

let vizInstance: Promise<Viz> | null = null;
const SVG_NS = "http://www.w3.org/2000/svg";

/** The graph picture: `show` lays a graph out, `paint` fills in a sweep state without moving anything. */
export class GraphView {
  private graph: ComputationalGraph | null = null;
  private readonly edgeLabels = new Map<string, SVGTextElement>();
  private generation = 0;

  constructor(readonly element: HTMLElement) {}

  /** Lays out `graph`; resolves false when a newer call superseded this one. */
  async show(graph: ComputationalGraph): Promise<boolean> {
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
    graph.vertices.forEach((vertex, id) => {
      vertex.inputs.forEach((_, index) => {
        const group = svg.getElementById(edgeElementId(id, index));
        const path = group?.querySelector("path");
        if (!group || !path) return;
        const middle = path.getPointAtLength(path.getTotalLength() / 2);
        const text = document.createElementNS(SVG_NS, "text");
        text.setAttribute("x", String(middle.x));
        text.setAttribute("y", String(middle.y - 6));
        text.setAttribute("class", "edge-label");
        group.append(text);
        this.edgeLabels.set(edgeElementId(id, index), text);
      });
    });
    return true;
  }

  /** Shows F and B where known, the current vertex or edge highlighted, finished edges in green. */
  paint(state: SweepState): void {
    const graph = this.graph;
    const svg = this.element.querySelector("svg");
    if (graph === null || svg === null) return;
    const current = state.current;
    graph.vertices.forEach((vertex, id) => {
      const group = svg.getElementById(vertexElementId(id));
      if (!group) return;
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
      const isForward = current?.kind === "forward" && current.vertex === vertex;
      group.classList.toggle("is-forward", isForward);
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
      vertex.inputs.forEach((input, index) => {
        const edge = svg.getElementById(edgeElementId(id, index));
        const label = this.edgeLabels.get(edgeElementId(id, index));
        const isActive =
          current?.kind === "backward" && current.vertex === vertex && current.index === index;
        const done = isActive ? undefined : state.doneEdges.get(vertex)?.get(index);
        edge?.classList.toggle("is-active", isActive);
        edge?.classList.toggle("is-done", done !== undefined);
        edge?.classList.toggle("is-forward", isForward);
        if (label === undefined) return;
        if (isActive) {
          const name = graph.nameOf(input);
          label.textContent = `B(${name}) += ${formatFactor(current.adjoint)} · ${formatFactor(current.deriv)}`;
        } else if (done !== undefined) label.textContent = `∂ = ${formatNumber(done.deriv)}`;
        else label.textContent = "";
      });
    });
  }
}

function setText(text: SVGTextElement | undefined, content: string): void {
  if (text !== undefined) text.textContent = content;
}
