// A trace as aligned text tables: Forward (v, calc, F(v)) and Backward (each B(p) += B(v)·deriv).
import type { SweepTrace } from "./trace.js";

/**
 * A number with at most `digits` significant digits, without trailing zeros.
 * @example formatValue(Math.log(2)) // "0.693147"
 */
export function formatValue(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  return String(Number(value.toPrecision(digits)));
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => {
        const width = widths[column]!;
        return column < 2 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join("   ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/**
 * The trace as text: a Forward table, a Backward table (one line per B(p) += B(v)·deriv update, with
 * B(v), the deriv value, the contribution and B(p) before → after), then the notes.
 * @example console.log(formatTrace(traceSweeps(G)));
 */
export function formatTrace(trace: SweepTrace): string {
  const name = (v: Parameters<typeof trace.graph.nameOf>[0]) => trace.graph.nameOf(v);
  const forwardRows = trace.forward.map((step) => [
    step.name,
    step.calc,
    formatValue(step.value),
    step.note === undefined ? "" : "NaN: see note",
  ]);
  const terminal = name(trace.graph.terminal);
  const backwardRows = trace.backward.map((step) => {
    const [v, p] = [name(step.vertex), name(step.input)];
    return [
      `B(${p}) += B(${v})·∂${v}/∂${p}`,
      String(step.index + 1),
      formatValue(step.adjoint),
      formatValue(step.deriv),
      formatValue(step.contribution),
      `${formatValue(step.before)} → ${formatValue(step.after)}`,
    ];
  });
  const lines = [
    "Forward (topological order)",
    ...table(["v", "calc", "F(v)", ""], forwardRows),
    "",
    `Backward (reverse topological order; B(v) ← 0, B(${terminal}) ← 1)`,
    ...table(["update", "arg", "B(v)", "deriv", "B(v)·deriv", "B(p) before → after"], backwardRows),
  ];
  if (trace.notes.length > 0) lines.push("", ...trace.notes.map((note) => `note: ${note}`));
  return lines.join("\n");
}
