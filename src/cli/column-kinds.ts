// What each input column of a table is: numeric, categorical (one-hot), clearly text (TF-IDF), or a
// mistake (a typo, an empty cell, an ID column) reported at its file:line, never guessed silently.
import { locate, type DataRecord } from "./records.js";

/** At most this many distinct values (and at most half the rows) make a non-numeric column categorical. */
export const MAX_CATEGORIES = 20;
/** Cells averaging at least this many words make a column clearly text. */
const TEXT_WORDS = 3;

export const isNumeric = (value: unknown): boolean =>
  typeof value === "number"
    ? Number.isFinite(value)
    : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** The features to build: TF-IDF of one text column, or numeric columns plus one-hot categorical ones. */
export type ColumnChoice =
  | { readonly kind: "text"; readonly column: string }
  | {
      readonly kind: "numeric";
      readonly columns: readonly string[];
      /** Category names (sorted) of each one-hot column. */
      readonly categorical: Readonly<Record<string, readonly string[]>>;
    };

/** One line naming where a column stops being numeric: `file:line: column "x": "5..1" is not a number`. */
export function notNumber(record: DataRecord, column: string, why = "is not a number"): Error {
  const cell = record[column];
  const shown = isEmpty(cell) ? "the cell is empty" : `${JSON.stringify(cell).slice(0, 60)} ${why}`;
  return new Error(`${locate(record)}: column "${column}": ${shown}`);
}

type Kind =
  | { kind: "numeric" | "text" }
  | { kind: "categorical"; values: string[] }
  | { kind: "bad"; error: Error };

/** Classifies one column from all its cells. */
function kindOf(records: readonly DataRecord[], column: string): Kind {
  const bad = records.find((record) => !isNumeric(record[column]));
  if (bad === undefined) return { kind: "numeric" };
  const cells = records.map((record) => record[column]);
  const numeric = cells.filter(isNumeric).length;
  const empty = records.find((record) => isEmpty(record[column]));
  const words =
    cells.reduce<number>(
      (total, cell) =>
        total +
        String(cell ?? "")
          .split(/\s+/)
          .filter(Boolean).length,
      0,
    ) / cells.length;
  if (words >= TEXT_WORDS && numeric < cells.length / 2) return { kind: "text" };
  const hint =
    numeric >= cells.length / 2
      ? `is not a number (the column is otherwise numeric)`
      : `is not a number, and the column is neither categorical (≤ ${MAX_CATEGORIES} values) nor text: drop it, or name a text column with --text-column`;
  if (empty !== undefined || numeric >= cells.length / 2)
    return { kind: "bad", error: notNumber(empty ?? bad, column, hint) };
  const values = [...new Set(cells.map(String))].sort();
  if (values.length <= MAX_CATEGORIES && values.length <= Math.max(2, records.length / 2)) {
    return { kind: "categorical", values };
  }
  return { kind: "bad", error: notNumber(bad, column, hint) };
}

/**
 * The input columns and how to use them: the text column when given (--text-column) or when exactly one
 * column is clearly text; otherwise every column numeric, with categorical ones one-hot encoded (each
 * announced through `note`). Anything else is an error naming the file, line and column of the first bad cell.
 */
export function chooseColumns(
  records: readonly DataRecord[],
  columns: readonly string[],
  labelColumn: string,
  textColumn: string | undefined,
  note: (line: string) => void = () => undefined,
): ColumnChoice {
  const inputs = columns.filter((column) => column !== labelColumn);
  if (textColumn !== undefined) {
    if (!columns.includes(textColumn)) {
      throw new Error(
        `no column "${textColumn}" (--text-column); the columns are: ${columns.join(", ")}`,
      );
    }
    return { kind: "text", column: textColumn };
  }
  if (inputs.length === 0) throw new Error(`no input columns besides the label "${labelColumn}"`);
  const kinds = inputs.map((column) => [column, kindOf(records, column)] as const);
  const failed = kinds.find(([, kind]) => kind.kind === "bad");
  if (failed !== undefined) throw (failed[1] as { error: Error }).error;
  const texts = kinds.filter(([, kind]) => kind.kind === "text").map(([column]) => column);
  if (texts.length > 1)
    throw new Error(`columns ${texts.join(", ")} hold text: pick one with --text-column`);
  if (texts.length === 1) {
    const ignored = inputs.filter((column) => column !== texts[0]);
    if (ignored.length > 0)
      note(
        `column "${texts[0]}" holds text: TF-IDF features only (ignoring ${ignored.join(", ")})`,
      );
    return { kind: "text", column: texts[0]! };
  }
  const categorical: Record<string, readonly string[]> = {};
  for (const [column, kind] of kinds) {
    if (kind.kind !== "categorical") continue;
    categorical[column] = kind.values;
    note(`column "${column}" is categorical (${kind.values.join(", ")}): one-hot encoded`);
  }
  return { kind: "numeric", columns: inputs, categorical };
}
