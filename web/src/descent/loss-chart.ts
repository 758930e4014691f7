// The loss curve f(θₖ) against the step k on a log scale, with the monitor's failed descent checks marked.
import { formatNumber } from "../dom";
import { prepareCanvas } from "./canvas";
import type { DescentWarning } from "./trainer";

const MARGIN = { left: 64, right: 16, top: 16, bottom: 40 };

/** Draws `losses` (non-finite values end the line) and a red dot at each warned step. */
export function drawLossChart(
  canvas: HTMLCanvasElement,
  losses: readonly number[],
  warnings: readonly DescentWarning[],
): void {
  const { context, width, height } = prepareCanvas(canvas);
  let smallest = 1;
  let largest = 1;
  for (const loss of losses) {
    if (!(Number.isFinite(loss) && loss > 0)) continue;
    smallest = Math.min(smallest, loss);
    largest = Math.max(largest, loss);
  }
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const bottom = Math.floor(Math.log10(smallest));
  const top = Math.max(Math.ceil(Math.log10(largest)), bottom + 1);
  const steps = Math.max(10, losses.length - 1);
  const toX = (k: number) => MARGIN.left + (k / steps) * plotWidth;
  const toY = (loss: number) =>
    MARGIN.top + ((top - Math.log10(loss)) / (top - bottom)) * plotHeight;

  context.font = "15px Helvetica, Arial, sans-serif";
  context.fillStyle = "#475569";
  context.lineWidth = 1;
  context.textAlign = "right";
  context.textBaseline = "middle";
  const decades = top - bottom;
  for (let power = bottom; power <= top; power++) {
    for (const mantissa of decades <= 2 ? [1, 2, 5] : [1]) {
      const value = mantissa * 10 ** power;
      if (value > 10 ** top) continue;
      const y = toY(value);
      context.strokeStyle = mantissa === 1 ? "#cbd5e1" : "#eef2f7";
      context.beginPath();
      context.moveTo(MARGIN.left, y);
      context.lineTo(width - MARGIN.right, y);
      context.stroke();
      context.fillText(formatNumber(value), MARGIN.left - 8, y);
    }
  }
  context.textAlign = "center";
  context.textBaseline = "top";
  context.fillText(`step k (0 … ${losses.length - 1})`, MARGIN.left + plotWidth / 2, height - 24);
  context.strokeStyle = "#334155";
  context.strokeRect(MARGIN.left, MARGIN.top, plotWidth, plotHeight);

  context.strokeStyle = "#1d4ed8";
  context.lineWidth = 2.5;
  context.beginPath();
  let drawing = false;
  losses.forEach((loss, k) => {
    if (!(Number.isFinite(loss) && loss > 0)) return;
    const y = Math.max(MARGIN.top, Math.min(MARGIN.top + plotHeight, toY(loss)));
    if (drawing) context.lineTo(toX(k), y);
    else context.moveTo(toX(k), y);
    drawing = true;
  });
  context.stroke();
  context.fillStyle = "#dc2626";
  for (const warning of warnings) {
    if (warning.kind !== "increase" || !(warning.after > 0 && Number.isFinite(warning.after)))
      continue;
    context.beginPath();
    context.arc(toX(warning.step + 1), toY(warning.after), 3, 0, 2 * Math.PI);
    context.fill();
  }
}
