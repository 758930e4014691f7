// Reads the records of a CSV (header row) or JSONL file for the training commands, naming file and line on errors.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { describeFsError } from "../io/node/index.js";
import type { DataRecord } from "./features.js";

/** The columns (header order, or first-seen order for JSONL) and the records of a data file. */
export interface RecordTable {
  readonly columns: readonly string[];
  readonly records: readonly DataRecord[];
}

/**
 * A table from FILE.csv, FILE.jsonl/.ndjson (or text given directly, `format` saying which).
 * @example const { columns, records } = await readRecords("mail.csv");
 */
export async function readRecords(file: string): Promise<RecordTable> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read "${file}": ${describeFsError(error)}`, { cause: error });
  }
  const extension = extname(file).toLowerCase();
  return parseRecords(
    text,
    extension === ".jsonl" || extension === ".ndjson" ? "jsonl" : "csv",
    file,
  );
}

/** Parses CSV (RFC 4180 quoting) or JSONL text; `source` names the input in errors. */
export function parseRecords(text: string, format: "csv" | "jsonl", source: string): RecordTable {
  if (format === "jsonl") {
    const columns = new Set<string>();
    const records: DataRecord[] = [];
    text.split("\n").forEach((line, index) => {
      if (line.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${source}:${index + 1}: not a JSON object`);
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new Error(`${source}:${index + 1}: not a JSON object`);
      }
      for (const key of Object.keys(value)) columns.add(key);
      records.push(value as DataRecord);
    });
    if (records.length === 0) throw new Error(`${source}: no records`);
    return { columns: [...columns], records };
  }
  const rows = csvRows(text, source);
  const header = rows.shift();
  if (header === undefined || rows.length === 0)
    throw new Error(`${source}: no header and records`);
  const records = rows.map(([line, cells]) => {
    if (cells.length !== header[1].length) {
      throw new Error(
        `${source}:${line}: ${cells.length} fields, the header has ${header[1].length}`,
      );
    }
    return Object.fromEntries(header[1].map((name, i) => [name, cells[i]!]));
  });
  return { columns: header[1], records };
}

/** [line number, fields] of each non-empty CSV row (quoted fields may span lines). */
function csvRows(text: string, source: string): [number, string[]][] {
  const rows: [number, string[]][] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") rows.push([rowLine, fields]);
    [fields, field, rowLine] = [[], "", line];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\n") line++;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\n") endRow();
    else if (char !== "\r") field += char;
  }
  if (quoted) throw new Error(`${source}:${rowLine}: unterminated quoted field`);
  endRow();
  return rows;
}
