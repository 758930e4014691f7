// Canvas helpers for the descent page: a 2-D context sized for the device's pixel ratio.

/** The canvas's 2-D context scaled so that drawing uses CSS pixels; returns it with the CSS size. */
export function prepareCanvas(canvas: HTMLCanvasElement): {
  context: CanvasRenderingContext2D;
  width: number;
  height: number;
} {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || Number(canvas.getAttribute("width"));
  const height = canvas.clientHeight || Number(canvas.getAttribute("height"));
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  const context = canvas.getContext("2d")!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return { context, width, height };
}

/** The two classes' colours (class 0, class 1) as RGB triples. */
export const CLASS_COLORS: readonly [readonly number[], readonly number[]] = [
  [37, 99, 235],
  [234, 88, 12],
];

export const rgb = (color: readonly number[]): string => `rgb(${color.join(",")})`;
