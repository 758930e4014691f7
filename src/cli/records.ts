// The records of a CSV/TSV/JSONL file (or of stdin text) for the training commands, read by the data readers.
import { data } from "../node.js";
import type { DataRecord } from "./features.js";

/** The columns (header order, or first-seen order for JSONL) and the records of a data file. */
export interface RecordTable {
  readonly columns: readonly string[];
  readonly records: readonly DataRecord[];
}

function toRecords(table: data.Table): RecordTable {
  if (table.rows.length === 0) {
    throw new data.DataFormatError(table.source, 0, "no records (at least one row is needed)");
  }
  const records = table.rows.map((row) =>
    Object.fromEntries(table.columns.map((column, i) => [column, row[i]])),
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
