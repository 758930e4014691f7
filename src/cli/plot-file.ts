// Writes a line plot to FILE.svg (vega-lite) or FILE.png (vega-lite, then resvg), chosen by the extension.
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { linePlotSvg, type LinePlotOptions } from "../node.js";
import { svgToPng } from "../node.js";

/** Throws the one-line error for a --plot file that is neither .svg nor .png. */
export function checkPlotFile(file: string): void {
  const extension = extname(file).toLowerCase();
  if (extension !== ".svg" && extension !== ".png") {
    throw new Error(`--plot expects a file ending in .svg or .png, got "${file}"`);
  }
}

/**
 * Renders and writes the plot; returns a note when the PNG had to be drawn without text.
 * @example await writePlot("loss.png", { title: "loss", x: { title: "epoch" }, y: { title: "loss" }, series });
 */
export async function writePlot(file: string, options: LinePlotOptions): Promise<string | null> {
  checkPlotFile(file);
  const svg = await linePlotSvg(options);
  if (extname(file).toLowerCase() === ".svg") {
    await writeFile(file, svg);
    return null;
  }
  const { png, hasText } = await svgToPng(svg);
  await writeFile(file, png);
  return hasText ? null : `no font found for ${file}: the PNG has no text (the .svg version does)`;
}
