// JSON Lines: one JSON object per line (blank lines skipped), errors naming the file, line and character.
import { DataFormatError, type Table } from "./data-format-error.js";

/** A value for an error message, cut to a readable length. */
function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}

/** The 1-based character where JSON.parse failed on `content`, when its message says. */
function failedAt(message: string, content: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position !== null) return Number(position[1]) + 1;
  return message.includes("Unexpected end of JSON input") ? content.length + 1 : undefined;
}

/**
 * The top-level keys of a valid JSON object's source in the order written. (Object.keys puts
 * integer-like keys such as "0" first, whatever their place in the line.)
 */
function keysInSourceOrder(content: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = 0; i < content.length; i++) {
    const char = content[i]!;
    if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") depth--;
    else if (char === '"') {
      const start = i;
      for (i++; content[i] !== '"'; i++) if (content[i] === "\\") i++;
      let next = i + 1;
      while (" \t\r\n".includes(content[next] ?? "x")) next++;
      if (depth === 1 && content[next] === ":") {
        keys.push(JSON.parse(content.slice(start, i + 1)) as string);
      }
    }
  }
  return keys;
}

/**
 * JSONL text as a table: the columns are the keys in order of first appearance; a record without a
 * key has `undefined` there (never a value inherited from Object.prototype, e.g. for "constructor").
 * @example data.parseJsonl('{"text": "hi", "label": 1}\n', { source: "data.jsonl" }).columns; // ["text", "label"]
 */
export function parseJsonl(text: string, options: { readonly source?: string } = {}): Table {
  const { source = "<jsonl>" } = options;
  const objects: Record<string, unknown>[] = [];
  const keys: string[][] = [];
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      const message = (error as Error).message;
      const reason = message.length <= 200 ? message : `${message.slice(0, 197)}...`;
      const character = failedAt(message, content);
      throw new DataFormatError(
        source,
        index + 1,
        `invalid JSON (${reason})`,
        undefined,
        character,
      );
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new DataFormatError(
        source,
        index + 1,
        `expected a JSON object, got ${Array.isArray(value) ? "an array" : shown(value)}`,
      );
    }
    objects.push(value as Record<string, unknown>);
    keys.push(keysInSourceOrder(content));
    lines.push(index + 1);
  });
  const columns = [...new Set(keys.flat())];
  return {
    source,
    columns,
    rows: objects.map((object) =>
      columns.map((name) => (Object.hasOwn(object, name) ? object[name] : undefined)),
    ),
    lines,
  };
}
