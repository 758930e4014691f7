// Fuzzing parseJsonl and readJsonlFile: random, encoder-built, mutated and huge inputs parse or throw DataFormatError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseJsonl } from "../../src/data/readers/jsonl.js";
import { DataFormatError, type Table } from "../../src/data/readers/data-format-error.js";
import { readJsonlFile } from "../../src/data/node/read-table.js";
import { applyEdits, edits, stringOf, Tally } from "./fuzz-support.js";

const SEED = 80_803;
const tally = new Tally();

/** Parses `text`; a table must be rectangular, an error must name the source and a line of the text. */
function parseOrReject(text: string): Table | undefined {
  const outcome = tally.run(
    () => parseJsonl(text, { source: "f.jsonl" }),
    DataFormatError,
    (error) => {
      assert.ok(error.message.startsWith(`f.jsonl:${error.line}`), error.message);
      assert.ok(error.line >= 1 && error.line <= text.split(/\r?\n/).length, error.message);
    },
  );
  if (!outcome.ok) return undefined;
  const table = outcome.value;
  assert.ok(table.rows.every((row) => row.length === table.columns.length));
  assert.equal(table.lines.length, table.rows.length);
  return table;
}

const PIECES = [
  "{",
  "}",
  "[",
  "]",
  '"',
  ":",
  ",",
  "1",
  "-",
  ".",
  "e",
  "true",
  "null",
  " ",
  "\n",
].concat(["\r\n", "\r", '"a"', '"__proto__"', '"constructor"', "\\", "\\u00", "é", "\u2028"]);

test("random strings parse or throw DataFormatError", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => void parseOrReject(text)),
    { seed: SEED, numRuns: 1000 },
  );
  fc.assert(
    fc.property(stringOf(PIECES, 30), (text) => void parseOrReject(text)),
    { seed: SEED, numRuns: 2500 },
  );
  fc.assert(
    fc.property(stringOf(PIECES, 20), (inner) => void parseOrReject(`{${inner}}`)),
    { seed: SEED, numRuns: 500 },
  );
});

/** Records as [key, value] pairs (keys may be inherited property names), and their JSONL text. */
interface Written {
  readonly records: (readonly [string, unknown])[][];
  readonly text: string;
  readonly lines: number[];
}

const key = fc.oneof(
  fc.constantFrom("text", "label", "__proto__", "constructor", "toString", "hasOwnProperty", ""),
  fc.string({ maxLength: 4 }),
);
const written: fc.Arbitrary<Written> = fc
  .record({
    records: fc.array(
      fc.uniqueArray(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), {
        selector: ([name]) => name,
        maxLength: 4,
      }),
      { maxLength: 6 },
    ),
    eol: fc.constantFrom("\n", "\r\n"),
    blanks: fc.array(fc.constantFrom("", " ", "\t"), { maxLength: 6 }),
    spaced: fc.boolean(),
  })
  .map(({ records, eol, blanks, spaced }) => {
    const lines: number[] = [];
    const out: string[] = [];
    records.forEach((pairs, i) => {
      if (blanks[i] !== undefined) out.push(blanks[i]!);
      const body = pairs.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
      out.push(spaced ? `{ ${body.join(", ")} }` : `{${body.join(",")}}`);
      lines.push(out.length);
    });
    return { records, text: out.join(eol) + eol, lines };
  });

test("encoder-built JSONL parses back: keys in order of first appearance, own values only", () => {
  fc.assert(
    fc.property(written, ({ records, text, lines }) => {
      const table = parseOrReject(text);
      assert.ok(table !== undefined, `valid JSONL rejected: ${JSON.stringify(text)}`);
      const columns = [...new Set(records.flatMap((pairs) => pairs.map(([name]) => name)))];
      assert.deepEqual(table.columns, columns);
      const expected = records.map((pairs) => {
        const values = new Map(
          pairs.map(([name, value]) => [name, JSON.parse(JSON.stringify(value))]),
        );
        return columns.map((name) => values.get(name));
      });
      assert.deepEqual(table.rows, expected);
      assert.deepEqual(table.lines, lines);
    }),
    { seed: SEED, numRuns: 2500 },
  );
});

test("mutated JSONL parses or throws DataFormatError", () => {
  const mutated = fc
    .tuple(written, edits(["{", "}", '"', ":", ",", "\n", "\\", "[", "1", " ", "\r"]))
    .map(([{ text }, changes]) => applyEdits(text, changes));
  fc.assert(
    fc.property(mutated, (text) => void parseOrReject(text)),
    { seed: SEED, numRuns: 3300 },
  );
});

test("huge inputs: 10^5-deep nesting, 10^5 lines, 1 MB strings", () => {
  const n = 100_000;
  const deep = `{"a":${"[".repeat(n)}${"]".repeat(n)}}`;
  assert.equal(parseOrReject(deep)?.rows.length, 1);
  assert.equal(parseOrReject(`{"a":${"[".repeat(n)}}`), undefined);
  assert.equal(parseOrReject("[".repeat(n) + "]".repeat(n)), undefined);
  assert.equal(parseOrReject(`{"a":1}\n`.repeat(n))?.rows.length, n);
  const big = "y".repeat(1 << 20);
  assert.equal(parseOrReject(`{"t":"${big}"}`)?.rows[0]?.[0], big);
  const rejected = tally.run(() => parseJsonl(`"${big}"`), DataFormatError);
  assert.ok(!rejected.ok && rejected.error.message.length < 200, "message quotes the whole line");
  assert.equal(parseOrReject(`{"t":"${big}`), undefined);
  const wide = `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(",")}}`;
  assert.equal(parseOrReject(wide)?.columns.length, n);
});

test("readJsonlFile on mutated files: a table or a DataFormatError starting with the path", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "gradus-fuzz-jsonl-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const samples = fc.sample(
    fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc
        .tuple(written, edits(["{", '"', "\n"]))
        .map(([w, e]) => Buffer.from(applyEdits(w.text, e))),
    ),
    { seed: SEED, numRuns: 200 },
  );
  for (const [i, bytes] of samples.entries()) {
    const path = join(folder, `${i}.jsonl`);
    writeFileSync(path, bytes);
    try {
      await readJsonlFile(path);
      tally.parsed++;
    } catch (error) {
      assert.ok(error instanceof DataFormatError && error.message.startsWith(`${path}:`));
      tally.rejected++;
    }
  }
});

test("fuzz summary: at least 10,000 inputs", (t) => {
  assert.ok(tally.total >= 10_000, tally.summary("jsonl reader"));
  assert.ok(tally.parsed > 1000 && tally.rejected > 1000, tally.summary("jsonl reader"));
  t.diagnostic(tally.summary("jsonl reader"));
});
