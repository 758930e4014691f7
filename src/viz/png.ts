// SVG → PNG with resvg (Node only; @resvg/resvg-js is an optional package, loaded on first use):
// finds a font file first, since resvg draws no text without one.
import { existsSync } from "node:fs";
import type * as ResvgModule from "@resvg/resvg-js";
import { importOptional } from "./optional-package.js";

/** Font files tried in order when none are given: DejaVu (Debian, Fedora, Arch), Liberation, macOS, Windows. */
export const FONT_CANDIDATES: readonly string[] = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  "/System/Library/Fonts/Supplemental/Arial.ttf",
  "/Library/Fonts/Arial.ttf",
  "C:\\Windows\\Fonts\\arial.ttf",
];

export interface PngOptions {
  /** Font files for the text; default: the first of FONT_CANDIDATES that exists, else system fonts. */
  readonly fontFiles?: readonly string[];
  /** Pixels per SVG unit (default 2, for sharp text). */
  readonly zoom?: number;
}

export interface PngResult {
  readonly png: Uint8Array;
  /** False when no usable font was found: the PNG then lacks its text (the SVG still has it). */
  readonly hasText: boolean;
}

const PROBE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><text x="2" y="15">A</text></svg>';

/**
 * Renders an SVG document to PNG bytes on a white background, with text when a font is available.
 * Needs the optional package @resvg/resvg-js (MissingPackageError otherwise).
 * @example const { png, hasText } = await svgToPng(await linePlotSvg(options)); await writeFile("loss.png", png);
 */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<PngResult> {
  const { Resvg } = await importOptional<typeof ResvgModule>("svgToPng", "@resvg/resvg-js");
  const fontFiles = [
    ...(options.fontFiles ?? FONT_CANDIDATES.filter((file) => existsSync(file)).slice(0, 1)),
  ];
  const font = { fontFiles, loadSystemFonts: fontFiles.length === 0 };
  const hasText = new Resvg(PROBE, { font, logLevel: "off" }).toString().includes("<path");
  const rendered = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: options.zoom ?? 2 },
    font,
    logLevel: "off",
  })
    .render()
    .asPng();
  return {
    png: new Uint8Array(rendered.buffer, rendered.byteOffset, rendered.byteLength),
    hasText,
  };
}
