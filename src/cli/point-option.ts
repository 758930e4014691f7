// Parses a point given on the command line, such as `x=2,y=5`, into variable values.

/**
 * `"x=2,y=5"` → `{ x: 2, y: 5 }`, in the order given. Throws a one-line message for anything else.
 * @example parsePoint("x=2, y=-0.5") // { x: 2, y: -0.5 }
 */
export function parsePoint(text: string): Record<string, number> {
  const point: Record<string, number> = {};
  for (const part of text.split(",")) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*$/.exec(part);
    const value = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(value)) {
      throw new Error(
        `--at expects name=number pairs separated by commas (e.g. x=2,y=5), got "${text}"`,
      );
    }
    if (Object.hasOwn(point, match[1]!)) throw new Error(`--at gives "${match[1]}" twice`);
    point[match[1]!] = value;
  }
  return point;
}

/** Parses an integer option, naming the option in the error. */
export function parseInteger(option: string, text: string): number {
  const value = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(value)) {
    throw new Error(`${option} expects an integer, got "${text}"`);
  }
  return value;
}
