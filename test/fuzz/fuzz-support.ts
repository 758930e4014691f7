// Shared by the fuzz tests: outcome tallies (parsed / rejected by the library's own error) and mutations.
import assert from "node:assert/strict";
import fc from "fast-check";

/** Counts inputs that parsed and inputs rejected with the library's error type. */
export class Tally {
  parsed = 0;
  rejected = 0;

  get total(): number {
    return this.parsed + this.rejected;
  }

  /** One line for the test report, e.g. "csv: 10120 inputs, 6102 parsed, 4018 rejected". */
  summary(target: string): string {
    return `${target}: ${this.total} inputs, ${this.parsed} parsed, ${this.rejected} rejected`;
  }

  /**
   * Runs `parse`; a value counts as parsed, an instance of `errorType` (checked by `checkError`)
   * as rejected. Anything else (TypeError, RangeError, stack overflow) fails the test.
   */
  run<T, E extends Error>(
    parse: () => T,
    errorType: abstract new (...args: never[]) => E,
    checkError: (error: E) => void = () => {},
  ): { ok: true; value: T } | { ok: false; error: E } {
    let value: T;
    try {
      value = parse();
    } catch (error) {
      if (!(error instanceof errorType)) {
        assert.fail(`expected ${errorType.name} or success, got ${String(error)}`);
      }
      checkError(error);
      this.rejected++;
      return { ok: false, error };
    }
    this.parsed++;
    return { ok: true, value };
  }
}

/** One edit to a string: delete, insert, replace or duplicate a span, or cut the end off. */
export type Edit =
  | { readonly kind: "delete" | "duplicate"; readonly at: number; readonly length: number }
  | { readonly kind: "insert" | "replace"; readonly at: number; readonly text: string }
  | { readonly kind: "truncate"; readonly at: number };

/** Up to `maxEdits` edits whose inserted text is drawn from `alphabet` (positions are taken modulo length). */
export function edits(alphabet: readonly string[], maxEdits = 4): fc.Arbitrary<Edit[]> {
  const at = fc.nat({ max: 1 << 20 });
  const text = fc
    .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join(""));
  const edit = fc.oneof(
    fc.record({
      kind: fc.constantFrom("delete", "duplicate"),
      at,
      length: fc.integer({ min: 1, max: 8 }),
    }),
    fc.record({ kind: fc.constantFrom("insert", "replace"), at, text }),
    fc.record({ kind: fc.constant("truncate"), at }),
  ) as fc.Arbitrary<Edit>;
  return fc.array(edit, { minLength: 1, maxLength: maxEdits });
}

/** `source` with `changes` applied in order. */
export function applyEdits(source: string, changes: readonly Edit[]): string {
  let text = source;
  for (const change of changes) {
    const at = change.at % (text.length + 1);
    switch (change.kind) {
      case "delete":
        text = text.slice(0, at) + text.slice(at + change.length);
        break;
      case "duplicate":
        text = text.slice(0, at) + text.slice(at, at + change.length) + text.slice(at);
        break;
      case "insert":
        text = text.slice(0, at) + change.text + text.slice(at);
        break;
      case "replace":
        text = text.slice(0, at) + change.text + text.slice(at + change.text.length);
        break;
      case "truncate":
        text = text.slice(0, at);
        break;
    }
  }
  return text;
}

/** Strings of up to `maxLength` pieces drawn from `alphabet` (tokens, not just characters). */
export function stringOf(alphabet: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...alphabet), { maxLength }).map((pieces) => pieces.join(""));
}

/** One byte edit: [position (taken modulo length), byte value, what to do there]. */
export type ByteEdit = [number, number, "flip" | "insert" | "delete"];

/** 1–4 byte edits: overwrite, insert or delete a byte. */
export const byteEdits: fc.Arbitrary<ByteEdit[]> = fc.array(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("flip", "insert", "delete")),
  { minLength: 1, maxLength: 4 },
);

/** `bytes` with the edits applied in order, then cut to `cut` modulo (length + 1) when given. */
export function applyByteEdits(
  bytes: Uint8Array,
  changes: readonly ByteEdit[],
  cut: number | null = null,
): Uint8Array {
  let out = Array.from(bytes);
  for (const [at, value, kind] of changes) {
    const i = at % (out.length + 1);
    if (kind === "flip") out[i % out.length] = value;
    else if (kind === "insert") out.splice(i, 0, value);
    else out.splice(i, 1);
  }
  if (cut !== null) out = out.slice(0, cut % (out.length + 1));
  return Uint8Array.from(out);
}
