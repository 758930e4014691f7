// Plain-text tables and JSON output for the commands (the `--json` flag).

/** Cells of one row, already formatted. */
export type Row = readonly string[];

/**
 * A left-aligned first column and right-aligned others, separated by two spaces.
 * @example formatTable(["op", "ok"], [["add", "yes"]]); // "op    ok\nadd  yes"
 */
export function formatTable(headers: Row, rows: readonly Row[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: Row): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** Prints a value as pretty JSON on stdout (for `--json`). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A number for a table: exponent notation for small or large magnitudes. */
export function formatNumber(value: number, digits = 4): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude < 1e-3 || magnitude >= 1e6 ? value.toExponential(2) : value.toFixed(digits);
}
