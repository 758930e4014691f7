// The records of a CSV/TSV/JSONL file (or of stdin text) for the training commands, read by the data
// readers; each record remembers its file:line, so every later error can name it.
import { data } from "../node.js";

/** A parsed record: column name → cell value, as the CSV/JSONL readers give them. */
export type DataRecord = Readonly<Record<string, unknown>>;

/** The columns (header order, or first-seen order for JSONL) and the records of a data file. */
export interface RecordTable {
  readonly columns: readonly string[];
  readonly records: readonly DataRecord[];
}

const LOCATION = Symbol("file:line");

/**
 * A record with its location attached (a hidden property, so splits and shuffles keep it).
 * @example const record = locatedRecord({ text: "hello" }, "stdin:3");
 */
export function locatedRecord(record: Record<string, unknown>, location: string): DataRecord {
  return Object.defineProperty(record, LOCATION, { value: location, enumerable: false });
}

/** "file:line" where `record` came from ("a record" when unknown). */
export function locate(record: DataRecord): string {
  return (record as { [LOCATION]?: string })[LOCATION] ?? "a record";
}

function toRecords(table: data.Table): RecordTable {
  if (table.rows.length === 0) {
    throw new data.DataFormatError(table.source, 0, "no records (at least one row is needed)");
  }
  const records = table.rows.map((row, i) =>
    locatedRecord(
      Object.fromEntries(table.columns.map((column, c) => [column, row[c]])),
      `${table.source}:${table.lines[i] ?? i + 1}`,
    ),
  );
  return { columns: table.columns, records };
}

/**
 * The records of FILE.csv, .tsv, .jsonl or .ndjson; errors name the file, line and column.
 * @example const { columns, records } = await readRecords("mail.csv");
 */
export async function readRecords(file: string): Promise<RecordTable> {
  return toRecords(await data.readTable(file));
}

/** The records of CSV or JSONL text; `source` names the input in errors. */
export function parseRecords(text: string, format: "csv" | "jsonl", source: string): RecordTable {
  const table =
    format === "jsonl" ? data.parseJsonl(text, { source }) : data.parseCsv(text, { source });
  return toRecords(table);
}
