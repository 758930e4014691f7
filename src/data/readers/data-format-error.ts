// The error of malformed user data: names the file, the line and (when known) the column.

/**
 * A malformed row or value; the message reads `file:line: column "name": what is wrong`, or
 * `file:line:character: what is wrong` when the 1-based character position in the line is known.
 */
export class DataFormatError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly detail: string,
    readonly column?: string,
    readonly character?: number,
  ) {
    const where =
      line <= 0
        ? source
        : character === undefined
          ? `${source}:${line}`
          : `${source}:${line}:${character}`;
    super(column === undefined ? `${where}: ${detail}` : `${where}: column "${column}": ${detail}`);
    this.name = "DataFormatError";
  }
}

/** Rows of named columns read from a file: CSV cells are strings, JSONL values any JSON. */
export interface Table {
  /** The file name (or a label) that error messages start with. */
  readonly source: string;
  readonly columns: readonly string[];
  /** One array per row, aligned with `columns` (undefined where a JSONL record lacks a key). */
  readonly rows: readonly (readonly unknown[])[];
  /** The 1-based line where each row starts. */
  readonly lines: readonly number[];
}
