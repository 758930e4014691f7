// Line plots: the vega-lite spec (series, log scales, dropped points) and the rendered SVG's text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { linePlotSpec, linePlotSvg, type LinePlotOptions } from "../../src/viz/line-plot.js";

const options: LinePlotOptions = {
  title: "error against h",
  x: { title: "step h", scale: "log" },
  y: { title: "error", scale: "log" },
  series: [
    {
      name: "forward",
      points: [
        [0.1, 0.05],
        [0.01, 0.005],
        [0.001, 0],
      ],
    },
    {
      name: "central",
      points: [
        [0.1, 5e-4],
        [0.01, Number.NaN],
      ],
    },
  ],
};

test("the spec has one row per plottable point and log scales", () => {
  const spec = linePlotSpec(options) as unknown as {
    data: { values: { series: string; x: number; y: number }[] };
    encoding: { x: { scale: { type?: string } }; y: { scale: { type?: string } } };
  };
  assert.deepEqual(spec.data.values, [
    { series: "forward", x: 0.1, y: 0.05 },
    { series: "forward", x: 0.01, y: 0.005 },
    { series: "central", x: 0.1, y: 5e-4 },
  ]);
  assert.equal(spec.encoding.x.scale.type, "log");
  assert.equal(spec.encoding.y.scale.type, "log");
});

test("linear axes keep zeros and negative values", () => {
  const spec = linePlotSpec({
    title: "loss",
    x: { title: "step" },
    y: { title: "loss" },
    series: [
      {
        name: "train",
        points: [
          [0, -1],
          [1, 0],
        ],
      },
    ],
  }) as unknown as { data: { values: unknown[] } };
  assert.equal(spec.data.values.length, 2);
});

test("the SVG carries the title, axis titles and the legend", async () => {
  const svg = await linePlotSvg(options);
  assert.ok(svg.startsWith("<svg"));
  for (const text of ["error against h", "step h", "forward", "central"]) {
    assert.ok(svg.includes(`>${text}</text>`), `missing ${text}`);
  }
});
