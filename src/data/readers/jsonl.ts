// JSON Lines: one JSON object per line (blank lines skipped), errors naming the file and line.
import { DataFormatError, type Table } from "./data-format-error.js";

/**
 * JSONL text as a table: the columns are the keys in order of first appearance.
 * @example data.parseJsonl('{"text": "hi", "label": 1}\n', { source: "data.jsonl" }).columns; // ["text", "label"]
 */
export function parseJsonl(text: string, options: { readonly source?: string } = {}): Table {
  const { source = "<jsonl>" } = options;
  const objects: Record<string, unknown>[] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new DataFormatError(source, index + 1, `invalid JSON (${(error as Error).message})`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DataFormatError(
        source,
        index + 1,
        `expected a JSON object, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`,
      );
    }
    objects.push(value as Record<string, unknown>);
    lines.push(index + 1);
  });
  const columns = [...new Set(objects.flatMap((object) => Object.keys(object)))];
  return {
    source,
    columns,
    rows: objects.map((object) => columns.map((name) => object[name])),
    lines,
  };
}
