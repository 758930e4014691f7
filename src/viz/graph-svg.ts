// SVG pictures of graphs through Graphviz compiled to WASM (@viz-js/viz, optional, loaded on first use).
import type { Viz } from "@viz-js/viz";
import type * as VizModule from "@viz-js/viz";
import type { ComputationalGraph } from "../graph/computational-graph.js";
import type { Adjoints, Values } from "../graph/sweeps.js";
import { toDot } from "../graph/to-dot.js";
import { importOptional } from "./optional-package.js";

let viz: Promise<Viz> | null = null;

/**
 * Renders DOT text to an SVG document with Graphviz (loaded on first use, once, offline). Needs the
 * optional package @viz-js/viz (MissingPackageError otherwise).
 * @example const svg = await renderDotSvg("digraph { a -> b }");
 */
export async function renderDotSvg(dot: string): Promise<string> {
  viz ??= importOptional<typeof VizModule>("renderDotSvg", "@viz-js/viz").then((module) =>
    module.instance(),
  );
  // A failed load is not cached: installing the package later makes the next call work.
  const pending = viz;
  pending.catch(() => {
    if (viz === pending) viz = null;
  });
  return (await pending).renderString(dot, { format: "svg" });
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
