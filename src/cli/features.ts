// Features for `gradus train`/`eval`/`predict`: a text column → TF-IDF (sparse), or numeric columns → standardised.
import { data, tensor } from "../node.js";
import type { FeatureRows } from "./model-config.js";

/** A parsed record: column name → cell value, as the CSV/JSONL readers give them. */
export type DataRecord = Readonly<Record<string, unknown>>;

/** How to turn records into feature rows; saved as JSON with the model. */
export type FeatureSpec =
  | { readonly kind: "text"; readonly column: string; readonly tfidf: data.TfidfJson }
  | {
      readonly kind: "numeric";
      readonly columns: readonly string[];
      readonly mean: readonly number[];
      readonly std: readonly number[];
    };

const isNumeric = (value: unknown): boolean =>
  typeof value === "number"
    ? Number.isFinite(value)
    : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));

/** The input columns: the text column if given or if exactly one column is not numeric, else all numeric ones. */
export function chooseColumns(
  records: readonly DataRecord[],
  columns: readonly string[],
  labelColumn: string,
  textColumn: string | undefined,
): { kind: "text"; column: string } | { kind: "numeric"; columns: string[] } {
  const inputs = columns.filter((column) => column !== labelColumn);
  if (textColumn !== undefined) {
    if (!columns.includes(textColumn)) {
      throw new Error(
        `no column "${textColumn}" (--text-column); the columns are: ${columns.join(", ")}`,
      );
    }
    return { kind: "text", column: textColumn };
  }
  const textual = inputs.filter((column) => !records.every((record) => isNumeric(record[column])));
  if (textual.length === 1) return { kind: "text", column: textual[0]! };
  if (textual.length > 1) {
    throw new Error(`columns ${textual.join(", ")} are not numeric: pick one with --text-column`);
  }
  if (inputs.length === 0) throw new Error(`no input columns besides the label "${labelColumn}"`);
  return { kind: "numeric", columns: inputs };
}

/** Fits the features on training records; returns the spec and their rows. */
export function fitFeatures(
  records: readonly DataRecord[],
  choice: ReturnType<typeof chooseColumns>,
): { spec: FeatureSpec; rows: FeatureRows } {
  if (choice.kind === "text") {
    const vectorizer = new data.TfidfVectorizer({ minCount: 2, sublinearTf: true });
    const rows = vectorizer.fitTransform(
      records.map((record) => String(record[choice.column] ?? "")),
    );
    return { spec: { kind: "text", column: choice.column, tfidf: vectorizer.toJSON() }, rows };
  }
  const raw = numericMatrix(records, choice.columns);
  const scaler = data.standardize(raw);
  const spec = {
    kind: "numeric" as const,
    columns: choice.columns,
    mean: [...scaler.mean],
    std: [...scaler.std],
  };
  return { spec, rows: scaler.train };
}

/**
 * Feature rows of new records with a saved spec (the same columns must be present).
 * @example const rows = applyFeatures(saved.features as FeatureSpec, records);
 */
export function applyFeatures(spec: FeatureSpec, records: readonly DataRecord[]): FeatureRows {
  if (spec.kind === "text") {
    const vectorizer = data.TfidfVectorizer.fromJSON(spec.tfidf);
    return vectorizer.transform(records.map((record) => String(record[spec.column] ?? "")));
  }
  const raw = numericMatrix(records, spec.columns).dataSync();
  const width = spec.columns.length;
  const scaled = raw.map((value, i) => (value - spec.mean[i % width]!) / spec.std[i % width]!);
  return tensor(scaled).reshape([records.length, width]);
}

function numericMatrix(records: readonly DataRecord[], columns: readonly string[]) {
  const values = new Float32Array(records.length * columns.length);
  records.forEach((record, row) => {
    columns.forEach((column, c) => {
      const cell = record[column];
      if (!isNumeric(cell)) {
        throw new Error(
          `row ${row + 1}, column "${column}": expected a number, got ${JSON.stringify(cell ?? null)}`,
        );
      }
      values[row * columns.length + c] = Number(cell);
    });
  });
  return tensor(values).reshape([records.length, columns.length]);
}
