// Data for training: read the file, check the label column, split train/test with a seed, fit the features.
import { Generator, data } from "../node.js";
import {
  chooseColumns,
  fitFeatures,
  applyFeatures,
  type DataRecord,
  type FeatureSpec,
} from "./features.js";
import type { FeatureRows } from "./model-config.js";
import { locate, readRecords } from "./records.js";

export interface PreparedData {
  readonly classes: string[];
  readonly spec: FeatureSpec;
  readonly train: { readonly rows: FeatureRows; readonly labels: Int32Array };
  readonly test: { readonly rows: FeatureRows; readonly labels: Int32Array };
}

/** Class names in a stable order: numerically if all are numbers, else by code unit. */
export function classNames(values: readonly string[]): string[] {
  const names = [...new Set(values)];
  const numeric = names.every((name) => name.trim() !== "" && Number.isFinite(Number(name)));
  return names.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

/** Label indices of `records` for known classes; an unknown label is a one-line error. */
export function labelsOf(
  records: readonly DataRecord[],
  column: string,
  classes: readonly string[],
): Int32Array {
  return Int32Array.from(records, (record) => {
    const index = classes.indexOf(String(record[column] ?? ""));
    if (index < 0) {
      throw new Error(
        `${locate(record)}: label "${String(record[column])}" is not one of ${classes.join(", ")}`,
      );
    }
    return index;
  });
}

/**
 * Reads and splits `file` (a fraction `testFraction` held out, seeded) and fits features on the training part.
 * @example const prepared = await prepareData("mail.csv", { labelColumn: "label", testFraction: 0.2, seed: 0 });
 */
export async function prepareData(
  file: string,
  options: {
    labelColumn: string;
    textColumn?: string;
    testFraction: number;
    seed: number;
    /** Receives one line per decision made about a column (text, one-hot). */
    note?: (line: string) => void;
  },
): Promise<PreparedData> {
  const { columns, records } = await readRecords(file);
  if (!columns.includes(options.labelColumn)) {
    throw new Error(
      `${file} has no column "${options.labelColumn}" (--label-column); its columns are: ${columns.join(", ")}`,
    );
  }
  const classes = classNames(records.map((record) => String(record[options.labelColumn] ?? "")));
  if (classes.length < 2) throw new Error(`${file}: the label column has only one class`);
  const order = data.permutation(records.length, new Generator(options.seed ^ 0x5eed));
  const testCount = Math.round(records.length * options.testFraction);
  const pick = (from: number, to: number) =>
    Array.from(order.subarray(from, to), (i) => records[i]!);
  const [trainRecords, testRecords] = [pick(testCount, records.length), pick(0, testCount)];
  if (trainRecords.length === 0)
    throw new Error(`${file}: no training records left after the split`);
  const choice = chooseColumns(
    records,
    columns,
    options.labelColumn,
    options.textColumn,
    options.note,
  );
  const { spec, rows } = fitFeatures(trainRecords, choice);
  return {
    classes,
    spec,
    train: { rows, labels: labelsOf(trainRecords, options.labelColumn, classes) },
    test: {
      rows: applyFeatures(spec, testRecords),
      labels: labelsOf(testRecords, options.labelColumn, classes),
    },
  };
}
