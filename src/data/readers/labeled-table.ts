// Tables to training data: a label column plus a text column or numeric feature columns, checked cell by cell.
import { Tensor } from "../../tensor/tensor.js";
import { DataFormatError, type Table } from "./data-format-error.js";

/** Labels as a tensor: float32 numbers when every label is numeric, else int32 class indices into `classes`. */
export interface Labels {
  readonly labels: Tensor;
  /** Class names by index (sorted), or null for numeric labels. */
  readonly classes: readonly string[] | null;
}

function columnIndex(table: Table, name: string): number {
  const index = table.columns.indexOf(name);
  if (index < 0) {
    throw new DataFormatError(
      table.source,
      0,
      `no column "${name}" (columns: ${table.columns.join(", ")})`,
    );
  }
  return index;
}

/** A cell as a finite number (numbers, or strings such as "3.5" and "-1e3"), or an error naming it. */
function numberAt(table: Table, row: number, column: number): number {
  const cell = table.rows[row]![column];
  const value =
    typeof cell === "number"
      ? cell
      : typeof cell === "string" && cell.trim() !== ""
        ? Number(cell)
        : NaN;
  if (!Number.isFinite(value)) {
    const shown = cell === undefined ? "nothing" : JSON.stringify(cell);
    throw new DataFormatError(
      table.source,
      table.lines[row]!,
      `expected a number, got ${shown}`,
      table.columns[column],
    );
  }
  return value;
}

/** The label column: numeric if every cell is a number, else categories (strings, booleans) numbered in sorted order. */
export function readLabels(table: Table, label: string): Labels {
  const column = columnIndex(table, label);
  const cells = table.rows.map((row, i) => {
    const cell = row[column];
    if (cell === undefined || cell === null || cell === "") {
      throw new DataFormatError(table.source, table.lines[i]!, "missing label", label);
    }
    return cell;
  });
  const numeric = cells.every(
    (cell) =>
      typeof cell === "number" || (typeof cell === "string" && Number.isFinite(Number(cell))),
  );
  if (numeric) {
    return {
      labels: new Tensor(
        Float32Array.from(cells, (_, i) => numberAt(table, i, column)),
        [cells.length],
      ),
      classes: null,
    };
  }
  const names = cells.map((cell) => String(cell));
  const classes = [...new Set(names)].sort();
  const ids = Int32Array.from(names, (name) => classes.indexOf(name));
  return { labels: new Tensor(ids, [ids.length]), classes };
}

/**
 * Texts from `text` and labels from `label` (e.g. for TF-IDF and logistic regression).
 * @example const { texts, labels } = data.labeledTexts(data.parseCsv(csv), { label: "spam", text: "body" });
 */
export function labeledTexts(
  table: Table,
  options: { readonly label: string; readonly text: string },
): Labels & { texts: string[] } {
  const column = columnIndex(table, options.text);
  const texts = table.rows.map((row, i) => {
    const cell = row[column];
    if (typeof cell !== "string") {
      throw new DataFormatError(
        table.source,
        table.lines[i]!,
        `expected text, got ${cell === undefined ? "nothing" : JSON.stringify(cell)}`,
        options.text,
      );
    }
    return cell;
  });
  return { texts, ...readLabels(table, options.label) };
}

/**
 * A [rows, features] float32 tensor from numeric columns (default: every column but the label) and labels.
 * @example const { features, labels } = data.labeledFeatures(table, { label: "species" });
 */
export function labeledFeatures(
  table: Table,
  options: { readonly label: string; readonly features?: readonly string[] },
): Labels & { features: Tensor; featureNames: string[] } {
  const featureNames = [
    ...(options.features ?? table.columns.filter((name) => name !== options.label)),
  ];
  const columns = featureNames.map((name) => columnIndex(table, name));
  const labels = readLabels(table, options.label);
  const values = new Float32Array(table.rows.length * columns.length);
  table.rows.forEach((_, i) =>
    columns.forEach((column, j) => (values[i * columns.length + j] = numberAt(table, i, column))),
  );
  return {
    features: new Tensor(values, [table.rows.length, columns.length]),
    featureNames,
    ...labels,
  };
}
