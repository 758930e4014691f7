// CSV (RFC 4180): quoted fields with "" escapes and line breaks, a header row, errors naming file and line.
import { DataFormatError, type Table } from "./data-format-error.js";

export interface CsvOptions {
  /** Named in error messages (default "<csv>"). */
  readonly source?: string;
  /** The field separator, one character (default ","; "\t" for TSV). */
  readonly delimiter?: string;
}

const isSpecial = (char: string, delimiter: string): boolean =>
  char === delimiter || char === '"' || char === "\n" || char === "\r";

/** One record's fields and the line where it starts. */
interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Splits CSV text into records of fields, each with the line where it starts. Blank lines are
 * skipped, but a line holding only `""` is a record of one empty field. One pass, linear time;
 * a line break is CRLF, CR or LF, inside quotes too (so line numbers match an editor's).
 */
function records(text: string, source: string, delimiter: string): CsvRecord[] {
  const result: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let lineStart = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** The 1-based character position of `index` in its line. */
  const character = (index: number): number => index - lineStart + 1;
  /** Counts the line breaks in text[from, to). */
  const passLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      const code = text.charCodeAt(k);
      if (code === 10 || (code === 13 && text.charCodeAt(k + 1) !== 10))
        [line, lineStart] = [line + 1, k + 1];
    }
  };
  const endRecord = (): void => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "" || quoted) result.push({ fields, line: start });
    [fields, field, quoted] = [[], "", false];
  };
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"' && field === "") {
      const [quoteLine, quoteAt] = [line, character(i)];
      quoted = true;
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) {
          throw new DataFormatError(
            source,
            quoteLine,
            "unterminated quoted field",
            undefined,
            quoteAt,
          );
        }
        passLines(j, close);
        field += text.slice(j, close);
        if (text[close + 1] !== '"') {
          j = close + 1;
          break;
        }
        field += '"';
        j = close + 2;
      }
      i = j;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
        throw new DataFormatError(
          source,
          line,
          `unexpected ${JSON.stringify(next)} after a closing quote`,
          undefined,
          character(i),
        );
      }
    } else if (char === delimiter) {
      fields.push(field);
      field = "";
      i++;
    } else if (char === "\n" || char === "\r") {
      endRecord();
      i += char === "\r" && text[i + 1] === "\n" ? 2 : 1;
      [line, lineStart] = [line + 1, i];
      start = line;
    } else if (char === '"') {
      throw new DataFormatError(
        source,
        line,
        "a quote inside an unquoted field (quote the whole field)",
        undefined,
        character(i),
      );
    } else {
      let end = i + 1;
      while (end < text.length && !isSpecial(text[end]!, delimiter)) end++;
      field += text.slice(i, end);
      i = end;
    }
  }
  if (field !== "" || fields.length > 0 || quoted) endRecord();
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
  const seen = new Set<string>();
  const duplicate = columns.find((name) => seen.size === seen.add(name).size);
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
