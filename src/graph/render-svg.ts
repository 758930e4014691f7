// SVG pictures of graphs through Graphviz compiled to WASM (@viz-js/viz), kept apart from the core.
import type { Viz } from "@viz-js/viz";
import type { ComputationalGraph } from "./computational-graph.js";
import type { Adjoints, Values } from "./sweeps.js";
import { toDot } from "./to-dot.js";

let viz: Promise<Viz> | null = null;

/**
 * Renders DOT text to an SVG document with Graphviz (loaded on first use, once, offline).
 * @example const svg = await renderDotSvg("digraph { a -> b }");
 */
export async function renderDotSvg(dot: string): Promise<string> {
  viz ??= import("@viz-js/viz").then((module) => module.instance());
  return (await viz).renderString(dot, { format: "svg" });
}

/**
 * The drawn graph as SVG, with values and adjoints when given (see `toDot`).
 * @example await writeFile("graph.svg", await graphToSvg(G, F, B));
 */
export async function graphToSvg(
  graph: ComputationalGraph,
  F?: Values,
  B?: Adjoints,
): Promise<string> {
  return renderDotSvg(toDot(graph, F, B));
}
