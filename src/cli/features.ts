// Features for `gradus train`/`eval`/`predict`: a text column → TF-IDF (sparse), or numeric columns
// (with categorical ones one-hot encoded) → standardised.
import { data, tensor } from "../node.js";
import { isNumeric, notNumber, type ColumnChoice } from "./column-kinds.js";
import type { FeatureRows } from "./model-config.js";
import { locate, type DataRecord } from "./records.js";

export { chooseColumns } from "./column-kinds.js";
export type { DataRecord } from "./records.js";

/** How to turn records into feature rows; saved as JSON with the model. */
export type FeatureSpec =
  | { readonly kind: "text"; readonly column: string; readonly tfidf: data.TfidfJson }
  | {
      readonly kind: "numeric";
      readonly columns: readonly string[];
      /** Per column of the matrix (one-hot columns included). */
      readonly mean: readonly number[];
      readonly std: readonly number[];
      /** The categories of each one-hot encoded column (absent in models saved before). */
      readonly categorical?: Readonly<Record<string, readonly string[]>>;
    };

/** Fits the features on training records; returns the spec and their rows. */
export function fitFeatures(
  records: readonly DataRecord[],
  choice: ColumnChoice,
): { spec: FeatureSpec; rows: FeatureRows } {
  if (choice.kind === "text") {
    const vectorizer = new data.TfidfVectorizer({ minCount: 2, sublinearTf: true });
    const rows = vectorizer.fitTransform(
      records.map((record) => String(record[choice.column] ?? "")),
    );
    return { spec: { kind: "text", column: choice.column, tfidf: vectorizer.toJSON() }, rows };
  }
  const raw = numericMatrix(records, choice.columns, choice.categorical);
  const scaler = data.standardize(raw);
  const spec = {
    kind: "numeric" as const,
    columns: choice.columns,
    mean: [...scaler.mean],
    std: [...scaler.std],
    categorical: choice.categorical,
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
  const matrix = numericMatrix(records, spec.columns, spec.categorical ?? {});
  const width = matrix.shape[1]!;
  const scaled = matrix
    .dataSync()
    .map((value, i) => (value - spec.mean[i % width]!) / spec.std[i % width]!);
  return tensor(scaled).reshape([records.length, width]);
}

/** The number of matrix columns: one per numeric column, one per category of a one-hot column. */
export function featureWidth(
  columns: readonly string[],
  categorical: Readonly<Record<string, readonly string[]>>,
): number {
  return columns.reduce((width, column) => width + (categorical[column]?.length ?? 1), 0);
}

function numericMatrix(
  records: readonly DataRecord[],
  columns: readonly string[],
  categorical: Readonly<Record<string, readonly string[]>>,
) {
  const width = featureWidth(columns, categorical);
  const values = new Float32Array(records.length * width);
  records.forEach((record, row) => {
    let position = row * width;
    for (const column of columns) {
      const cell = record[column];
      const categories = categorical[column];
      if (categories !== undefined) {
        const index = categories.indexOf(String(cell));
        if (index < 0) {
          throw new Error(
            `${locate(record)}: column "${column}": ${JSON.stringify(cell ?? null)} is not one of the categories seen in training (${categories.join(", ")})`,
          );
        }
        values[position + index] = 1;
        position += categories.length;
        continue;
      }
      if (!isNumeric(cell)) throw notNumber(record, column);
      values[position++] = Number(cell);
    }
  });
  return tensor(values).reshape([records.length, width]);
}
