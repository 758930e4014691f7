// Reading CSV/TSV/JSONL files into tables (Node only); parse errors name the file as the user gave it.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseCsv } from "../readers/csv.js";
import { DataFormatError, type Table } from "../readers/data-format-error.js";
import { parseJsonl } from "../readers/jsonl.js";

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : (error as Error).message;
    throw new DataFormatError(path, 0, `cannot read the file (${reason})`);
  }
}

/**
 * A CSV file with a header row (tab-separated when the name ends in .tsv).
 * @example const table = await readCsvFile("data.csv"); table.columns; // ["text", "label"]
 */
export async function readCsvFile(
  path: string,
  options: { readonly delimiter?: string } = {},
): Promise<Table> {
  const delimiter = options.delimiter ?? (extname(path).toLowerCase() === ".tsv" ? "\t" : ",");
  return parseCsv(await readText(path), { source: path, delimiter });
}

/** A JSON Lines file (one object per line). */
export async function readJsonlFile(path: string): Promise<Table> {
  return parseJsonl(await readText(path), { source: path });
}

/**
 * A table from a .csv, .tsv, .jsonl or .ndjson file, chosen by its extension.
 * @example const { texts, labels } = data.labeledTexts(await readTable("mail.jsonl"), { label: "spam", text: "text" });
 */
export async function readTable(path: string): Promise<Table> {
  const extension = extname(path).toLowerCase();
  if (extension === ".jsonl" || extension === ".ndjson") return readJsonlFile(path);
  if (extension === ".csv" || extension === ".tsv") return readCsvFile(path);
  throw new DataFormatError(
    path,
    0,
    `unknown file type "${extension}" (expected .csv, .tsv, .jsonl or .ndjson)`,
  );
}
