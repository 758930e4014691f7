// Reading saved tokenizers and vocabularies: JSON with a kind and a version; errors name the file and the field.

/**
 * A saved tokenizer or vocabulary that cannot be read: `source: field "merges[3]": what is wrong`.
 * @example try { await data.loadTokenizer("tokenizer.json"); } catch (error) { error.field; } // "kind"
 */
export class TokenizerFormatError extends Error {
  constructor(
    readonly source: string,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(field === undefined ? `${source}: ${detail}` : `${source}: field "${field}": ${detail}`);
    this.name = "TokenizerFormatError";
  }
}

/** A short rendering of a JSON value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The saved object (given as an object or as JSON text), checked to be of `kind` and a known version. */
export function readSaved(
  json: unknown,
  source: string,
  kind: string,
  version: number,
): Record<string, unknown> {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new TokenizerFormatError(source, undefined, `not JSON (${(error as Error).message})`);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TokenizerFormatError(
      source,
      undefined,
      `expected a JSON object, got ${describeValue(value)}`,
    );
  }
  const record = value as Record<string, unknown>;
  if (record.kind !== kind) {
    throw new TokenizerFormatError(
      source,
      "kind",
      `expected "${kind}", got ${describeValue(record.kind)}`,
    );
  }
  if (record.version !== version) {
    throw new TokenizerFormatError(
      source,
      "version",
      `expected ${version} (the only version this gradus reads), got ${describeValue(record.version)}`,
    );
  }
  return record;
}

/** The array in `field`, or an error naming it. */
export function arrayField(
  record: Record<string, unknown>,
  field: string,
  source: string,
): unknown[] {
  const value = record[field];
  if (!Array.isArray(value)) {
    throw new TokenizerFormatError(source, field, `expected an array, got ${describeValue(value)}`);
  }
  return value;
}
