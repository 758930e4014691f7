// The decision boundary: Pr_θ[y = 1 | x] over the plane as a heat map, the ½ contour, and the data points.
import { tensor, type Tensor } from "gradus";
import { CLASS_COLORS, prepareCanvas, rgb } from "./canvas";
import { contourSegments } from "./contour";
import type { ToyProblem } from "./toy-problem";

const RESOLUTION = 90;

/** The square of the plane that is drawn: the data's range with a margin. */
export interface Extent {
  readonly min: number;
  readonly max: number;
}

export function extentOf(points: Tensor): Extent {
  const values = points.dataSync();
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return { min: -largest - 0.4, max: largest + 0.4 };
}

/** The grid of pixel centres as one [R², 2] tensor (row 0 is the top of the picture). */
export function gridPoints(extent: Extent): Tensor {
  const step = (extent.max - extent.min) / RESOLUTION;
  const rows: number[][] = [];
  for (let r = 0; r < RESOLUTION; r++) {
    for (let c = 0; c < RESOLUTION; c++) {
      rows.push([extent.min + (c + 0.5) * step, extent.max - (r + 0.5) * step]);
    }
  }
  return tensor(rows, { dtype: "float64" });
}

const shade = new OffscreenCanvas(RESOLUTION, RESOLUTION);

/** Paints Pr_θ[y = 1 | x] (white at 0.5), the boundary where it crosses 0.5, and every sample. */
export function drawHeatMap(
  canvas: HTMLCanvasElement,
  problem: ToyProblem,
  grid: Tensor,
  extent: Extent,
): void {
  const { context, width, height } = prepareCanvas(canvas);
  const probabilities = problem.probabilities(grid);
  const image = new ImageData(RESOLUTION, RESOLUTION);
  probabilities.forEach((p, i) => {
    const color = CLASS_COLORS[p >= 0.5 ? 1 : 0];
    const strength = Math.min(1, Math.abs(p - 0.5) * 2) * 0.55;
    for (let channel = 0; channel < 3; channel++) {
      image.data[4 * i + channel] = 255 + (color[channel]! - 255) * strength;
    }
    image.data[4 * i + 3] = 255;
  });
  shade.getContext("2d")!.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(shade, 0, 0, width, height);
  context.strokeStyle = "#0f172a";
  context.lineWidth = 3;
  context.lineCap = "round";
  context.beginPath();
  for (const [x0, y0, x1, y1] of contourSegments(probabilities, RESOLUTION, 0.5)) {
    context.moveTo((x0! / RESOLUTION) * width, (y0! / RESOLUTION) * height);
    context.lineTo((x1! / RESOLUTION) * width, (y1! / RESOLUTION) * height);
  }
  context.stroke();
  const toX = (value: number) => ((value - extent.min) / (extent.max - extent.min)) * width;
  const toY = (value: number) => ((extent.max - value) / (extent.max - extent.min)) * height;
  const values = problem.x.dataSync();
  problem.labels.forEach((label, i) => {
    context.beginPath();
    context.arc(toX(values[2 * i]!), toY(values[2 * i + 1]!), 5.5, 0, 2 * Math.PI);
    context.fillStyle = rgb(CLASS_COLORS[label === 1 ? 1 : 0]);
    context.fill();
    context.lineWidth = 1.5;
    context.strokeStyle = "white";
    context.stroke();
  });
}
