// CSV (RFC 4180): quoted fields with "" escapes and line breaks, a header row, errors naming file and line.
import { DataFormatError, type Table } from "./data-format-error.js";

export interface CsvOptions {
  /** Named in error messages (default "<csv>"). */
  readonly source?: string;
  /** The field separator, one character (default ","; "\t" for TSV). */
  readonly delimiter?: string;
}

/** Splits CSV text into records of fields, each with the line where it starts (blank lines skipped). */
function records(
  text: string,
  source: string,
  delimiter: string,
): { fields: string[]; line: number }[] {
  const result: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") result.push({ fields, line: start });
    [fields, field] = [[], ""];
  };
  while (i < text.length) {
    const character = text[i]!;
    if (character === '"' && field === "") {
      const quoteLine = line;
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw new DataFormatError(source, quoteLine, "unterminated quoted field");
        if (text[j] === '"' && text[j + 1] === '"') [field, j] = [field + '"', j + 2];
        else if (text[j] === '"') break;
        else {
          if (text[j] === "\n") line++;
          [field, j] = [field + text[j], j + 1];
        }
      }
      i = j + 1;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
        throw new DataFormatError(
          source,
          line,
          `unexpected ${JSON.stringify(next)} after a closing quote`,
        );
      }
    } else if (character === delimiter) {
      [fields, field] = [[...fields, field], ""];
      i++;
    } else if (character === "\n" || character === "\r") {
      endRecord();
      i += character === "\r" && text[i + 1] === "\n" ? 2 : 1;
      start = ++line;
    } else if (character === '"') {
      throw new DataFormatError(
        source,
        line,
        "a quote inside an unquoted field (quote the whole field)",
      );
    } else {
      field += character;
      i++;
    }
  }
  if (field !== "" || fields.length > 0) endRecord();
  return result;
}

/**
 * CSV text with a header row as a table of string cells; every row must have the header's field count.
 * @example data.parseCsv('text,label\n"Hi, you",0\n', { source: "data.csv" }).rows; // [["Hi, you", "0"]]
 */
export function parseCsv(text: string, options: CsvOptions = {}): Table {
  const { source = "<csv>", delimiter = "," } = options;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new RangeError(
      `parseCsv: delimiter must be one character other than a quote or line break`,
    );
  }
  const [header, ...body] = records(text, source, delimiter);
  if (header === undefined)
    throw new DataFormatError(source, 0, "empty file (expected a header row)");
  const columns = header.fields.map((name) => name.trim());
  const duplicate = columns.find((name, i) => columns.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new DataFormatError(source, header.line, `the header names column "${duplicate}" twice`);
  }
  for (const { fields, line } of body) {
    if (fields.length !== columns.length) {
      throw new DataFormatError(
        source,
        line,
        `expected ${columns.length} fields (as in the header), got ${fields.length}`,
      );
    }
  }
  return {
    source,
    columns,
    rows: body.map((row) => row.fields),
    lines: body.map((row) => row.line),
  };
}
