// Line plots as SVG strings: named series → a vega-lite spec → vega's headless SVG renderer
// (vega and vega-lite are optional packages, loaded on first use).
import type { TopLevelSpec } from "vega-lite";
import type * as VegaModule from "vega";
import type * as VegaLiteModule from "vega-lite";
import { importOptional } from "./optional-package.js";

/** One axis: its title and scale (log scales need positive values). */
export interface PlotAxis {
  readonly title: string;
  readonly scale?: "linear" | "log";
}

/** One named line: its points as [x, y] pairs. Non-finite points, and non-positive ones on a log axis, are dropped. */
export interface PlotSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface LinePlotOptions {
  readonly title: string;
  readonly x: PlotAxis;
  readonly y: PlotAxis;
  readonly series: readonly PlotSeries[];
  readonly width?: number;
  readonly height?: number;
  /** Draw a dot at each point (default true). */
  readonly points?: boolean;
}

/** How a line plot encodes one axis (vega-lite's encoding channel, as JSON). */
export interface LinePlotAxisEncoding {
  readonly field: "x" | "y";
  readonly type: "quantitative";
  readonly title: string;
  readonly scale: { readonly type: "log" } | { readonly zero: false };
  readonly axis: { readonly format?: string };
}

/**
 * The vega-lite spec of a line plot as plain JSON types, so that the declarations need no vega-lite
 * types (vega-lite's `TopLevelSpec` accepts it as is).
 */
export interface LinePlotSpec {
  readonly $schema: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly background: string;
  readonly data: { readonly values: { series: string; x: number; y: number }[] };
  readonly mark: { readonly type: "line"; readonly point: boolean };
  readonly encoding: {
    readonly x: LinePlotAxisEncoding;
    readonly y: LinePlotAxisEncoding;
    readonly color: {
      readonly field: "series";
      readonly type: "nominal";
      readonly title: null;
      readonly sort: string[];
    };
  };
}

/**
 * The vega-lite spec of a line plot with one coloured line per series and a legend.
 * @example linePlotSpec({ title: "loss", x: { title: "step" }, y: { title: "loss", scale: "log" }, series: [{ name: "train", points: [[0, 1], [1, 0.5]] }] })
 */
export function linePlotSpec(options: LinePlotOptions): LinePlotSpec {
  const keep = (value: number, axis: PlotAxis): boolean =>
    Number.isFinite(value) && (axis.scale !== "log" || value > 0);
  const values = options.series.flatMap((series) =>
    series.points
      .filter(([x, y]) => keep(x, options.x) && keep(y, options.y))
      .map(([x, y]) => ({ series: series.name, x, y })),
  );
  const axisEncoding = (field: "x" | "y", axis: PlotAxis): LinePlotAxisEncoding => ({
    field,
    type: "quantitative" as const,
    title: axis.title,
    scale: axis.scale === "log" ? { type: "log" } : { zero: false },
    axis: axis.scale === "log" ? { format: "~e" } : {},
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: options.title,
    width: options.width ?? 480,
    height: options.height ?? 320,
    background: "white",
    data: { values },
    mark: { type: "line", point: options.points ?? true },
    encoding: {
      x: axisEncoding("x", options.x),
      y: axisEncoding("y", options.y),
      color: {
        field: "series",
        type: "nominal",
        title: null,
        sort: options.series.map((series) => series.name),
      },
    },
  };
}

/**
 * Renders a line plot to an SVG document (no DOM, no files: the caller writes it where it likes).
 * Needs the optional packages vega and vega-lite (MissingPackageError otherwise).
 * @example const svg = await linePlotSvg({ title: "error", x: { title: "h", scale: "log" }, y: { title: "error", scale: "log" }, series });
 */
export async function linePlotSvg(options: LinePlotOptions): Promise<string> {
  // Loaded on first use: vega is large, and importing gradus should not pay for it.
  const both = ["vega", "vega-lite"];
  const [vega, { compile }] = await Promise.all([
    importOptional<typeof VegaModule>("linePlotSvg", "vega", both),
    importOptional<typeof VegaLiteModule>("linePlotSvg", "vega-lite", both),
  ]);
  const spec: TopLevelSpec = linePlotSpec(options);
  const vegaSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vegaSpec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
