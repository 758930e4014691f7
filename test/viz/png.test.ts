// svgToPng: a PNG with text when a font is found, and without text (but no error) when none is.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FONT_CANDIDATES, svgToPng } from "../../src/viz/png.js";
import { existsSync } from "node:fs";
import { linePlotSvg } from "../../src/viz/line-plot.js";

const options = {
  title: "loss",
  x: { title: "epoch" },
  y: { title: "loss" },
  series: [
    {
      name: "train",
      points: [
        [1, 0.7],
        [2, 0.4],
        [3, 0.3],
      ] as [number, number][],
    },
  ],
};
const isPng = (bytes: Uint8Array) =>
  Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));

test("renders a PNG, with text when a font file exists", async () => {
  const svg = await linePlotSvg(options);
  const { png, hasText } = await svgToPng(svg);
  assert.ok(isPng(png));
  if (FONT_CANDIDATES.some((file) => existsSync(file))) assert.equal(hasText, true);
});

test("no font files: still a PNG, and says the text is missing", async () => {
  const svg = await linePlotSvg(options);
  const withText = await svgToPng(svg);
  const { png, hasText } = await svgToPng(svg, { fontFiles: ["/nonexistent/font.ttf"] });
  assert.ok(isPng(png));
  assert.equal(hasText, false);
  assert.ok(png.length < withText.png.length);
});
