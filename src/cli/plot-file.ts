// Writes a line plot to FILE.svg (vega-lite) or FILE.png (vega-lite, then resvg), chosen by the extension;
// without the optional plotting packages the plot is skipped with a note (the results are saved anyway).
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { linePlotSvg, MissingPackageError, type LinePlotOptions } from "../node.js";
import { svgToPng } from "../node.js";

/** Whether the file was written, and a note for stderr (a PNG without text, a skipped plot). */
export interface PlotOutcome {
  readonly written: boolean;
  readonly note: string | null;
}

/** Throws the one-line error for a --plot file that is neither .svg nor .png. */
export function checkPlotFile(file: string): void {
  const extension = extname(file).toLowerCase();
  if (extension !== ".svg" && extension !== ".png") {
    throw new Error(`--plot expects a file ending in .svg or .png, got "${file}"`);
  }
}

/**
 * Renders and writes the plot; the note says when the PNG had to be drawn without text, or why the
 * plot was skipped (a plotting package is not installed). With `required` (a plot the user asked
 * for by name) a missing package is an error instead of a skip.
 * @example const { note } = await writePlot("loss.png", { title: "loss", x: { title: "epoch" }, y: { title: "loss" }, series });
 */
export async function writePlot(
  file: string,
  options: LinePlotOptions,
  required = false,
): Promise<PlotOutcome> {
  checkPlotFile(file);
  try {
    const svg = await linePlotSvg(options);
    if (extname(file).toLowerCase() === ".svg") {
      await writeFile(file, svg);
      return { written: true, note: null };
    }
    const { png, hasText } = await svgToPng(svg);
    await writeFile(file, png);
    const note = `no font found for ${file}: the PNG has no text (the .svg version does)`;
    return { written: true, note: hasText ? null : note };
  } catch (error) {
    if (required || !(error instanceof MissingPackageError)) throw error;
    return { written: false, note: `skipped ${file}: ${error.message}` };
  }
}
