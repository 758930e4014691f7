// Fuzzing parseCsv and readCsvFile: random, encoder-built, mutated and huge inputs parse or throw DataFormatError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseCsv } from "../../src/data/readers/csv.js";
import { DataFormatError, type Table } from "../../src/data/readers/data-format-error.js";
import { readCsvFile } from "../../src/data/node/read-table.js";
import { applyEdits, edits, stringOf, Tally } from "./fuzz-support.js";

const SEED = 80_802;
const tally = new Tally();

/** 1 + the line breaks in `text` (CRLF, CR or LF each count once). */
const lineCount = (text: string): number => 1 + (text.match(/\r\n|\r|\n/g)?.length ?? 0);

/** Parses `text`; a table must be rectangular with increasing lines, an error must name source and line. */
function parseOrReject(text: string, delimiter = ","): Table | undefined {
  const outcome = tally.run(
    () => parseCsv(text, { source: "f.csv", delimiter }),
    DataFormatError,
    (error) => {
      assert.ok(error.message.startsWith("f.csv"), error.message);
      assert.ok(error.line >= 0 && error.line <= lineCount(text), error.message);
    },
  );
  if (!outcome.ok) return undefined;
  const table = outcome.value;
  assert.ok(table.rows.every((row) => row.length === table.columns.length));
  assert.ok(table.lines.every((line, i) => line > (table.lines[i - 1] ?? 1)));
  const lastLine = lineCount(text);
  assert.ok(table.lines.every((line) => line <= lastLine));
  return table;
}

const PIECES = [
  "a",
  "b1",
  " ",
  ",",
  ",",
  '"',
  '""',
  "\n",
  "\r",
  "\r\n",
  "\t",
  ";",
  "\ufeff",
  "é",
  "😀",
];

test("random strings parse or throw DataFormatError", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => void parseOrReject(text)),
    { seed: SEED, numRuns: 1000 },
  );
  fc.assert(
    fc.property(stringOf(PIECES, 40), fc.constantFrom(",", "\t", ";"), (text, delimiter) => {
      parseOrReject(text, delimiter);
    }),
    { seed: SEED, numRuns: 2500 },
  );
});

/** A table and the CSV text a careful writer makes of it. */
interface Written {
  readonly columns: string[];
  readonly rows: string[][];
  readonly delimiter: string;
  readonly text: string;
  readonly lines: number[];
}

const cell = stringOf(["a", "b", " ", ",", ";", "\t", '"', "\n", "\r", "\r\n", "é", "😀"], 6);
const written: fc.Arbitrary<Written> = fc
  .record({
    width: fc.integer({ min: 1, max: 5 }),
    delimiter: fc.constantFrom(",", "\t", ";"),
    eol: fc.constantFrom("\n", "\r\n"),
    bom: fc.boolean(),
    trailingEol: fc.boolean(),
    quoteAll: fc.boolean(),
  })
  .chain((options) =>
    fc.record({
      options: fc.constant(options),
      columns: fc.uniqueArray(
        cell.map((name) => name.trim()),
        { minLength: options.width, maxLength: options.width },
      ),
      rows: fc.array(fc.array(cell, { minLength: options.width, maxLength: options.width }), {
        maxLength: 6,
      }),
    }),
  )
  .map(({ options, columns, rows }) => {
    const { delimiter, eol, bom, trailingEol, quoteAll } = options;
    const quote = (field: string, width: number): string =>
      quoteAll ||
      /["\r\n]/.test(field) ||
      field.includes(delimiter) ||
      (width === 1 && field === "")
        ? `"${field.replaceAll('"', '""')}"`
        : field;
    const records = [columns, ...rows].map((fields) =>
      fields.map((field) => quote(field, fields.length)).join(delimiter),
    );
    const lines: number[] = [];
    let line = 1;
    for (const record of records) {
      lines.push(line);
      line += lineCount(record);
    }
    const text = (bom ? "\ufeff" : "") + records.join(eol) + (trailingEol ? eol : "");
    return { columns, rows, delimiter, text, lines: lines.slice(1) };
  });

test("encoder-built CSV parses back to its table, with the line of each row", () => {
  fc.assert(
    fc.property(written, ({ columns, rows, delimiter, text, lines }) => {
      const table = parseOrReject(text, delimiter);
      assert.ok(table !== undefined, `valid CSV rejected: ${JSON.stringify(text)}`);
      assert.deepEqual(table.columns, columns);
      assert.deepEqual(table.rows, rows);
      assert.deepEqual(table.lines, lines);
    }),
    { seed: SEED, numRuns: 2500 },
  );
});

test("mutated CSV parses or throws DataFormatError", () => {
  const mutated = fc
    .tuple(written, edits([",", '"', '""', "\n", "\r", "\r\n", "a", " ", "\t", ";"]))
    .map(([{ text, delimiter }, changes]) => [applyEdits(text, changes), delimiter] as const);
  fc.assert(
    fc.property(mutated, ([text, delimiter]) => void parseOrReject(text, delimiter)),
    { seed: SEED, numRuns: 3800 },
  );
});

test("huge inputs: 10^5 columns, fields, rows and 1 MB fields are read in linear time", () => {
  const n = 100_000;
  const names = Array.from({ length: n }, (_, i) => `c${i}`);
  const wide = parseOrReject(`${names.join(",")}\n${"x,".repeat(n - 1)}x\n`);
  assert.equal(wide?.rows[0]?.length, n);
  assert.equal(parseOrReject(`${",".repeat(n)}\n`), undefined); // empty names repeat
  assert.equal(parseOrReject(`a,b\n${"1,".repeat(n)}\n`), undefined); // too many fields
  const big = "y".repeat(1 << 20);
  assert.equal(parseOrReject(`a\n"${big}"\n`)?.rows[0]?.[0], big);
  assert.equal(parseOrReject(`a\n${big}\n`)?.rows[0]?.[0], big);
  assert.equal(parseOrReject(`a\n"${big}`), undefined); // unterminated
  assert.equal(parseOrReject(`a\n${"1\n".repeat(n)}`)?.rows.length, n);
  assert.equal(parseOrReject(`a\n${"\n".repeat(n)}2`)?.lines[0], n + 2);
  assert.equal(parseOrReject(`a\n${'"'.repeat(n)}`)?.rows[0]?.[0], '"'.repeat(n / 2 - 1));
  assert.ok(parseOrReject(`a\n${'"'.repeat(n + 1)}`) === undefined); // unterminated
});

test("readCsvFile on mutated files: a table or a DataFormatError starting with the path", async (t) => {
  const folder = mkdtempSync(join(tmpdir(), "gradus-fuzz-csv-"));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const samples = fc.sample(
    fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      fc
        .tuple(written, edits(['"', ",", "\n"]))
        .map(([w, e]) => Buffer.from(applyEdits(w.text, e))),
    ),
    { seed: SEED, numRuns: 200 },
  );
  for (const [i, bytes] of samples.entries()) {
    const path = join(folder, `${i}.csv`);
    writeFileSync(path, bytes);
    try {
      await readCsvFile(path);
      tally.parsed++;
    } catch (error) {
      assert.ok(error instanceof DataFormatError && error.message.startsWith(`${path}`));
      tally.rejected++;
    }
  }
});

test("fuzz summary: at least 10,000 inputs", (t) => {
  assert.ok(tally.total >= 10_000, tally.summary("csv reader"));
  assert.ok(tally.parsed > 1000 && tally.rejected > 1000, tally.summary("csv reader"));
  t.diagnostic(tally.summary("csv reader"));
});
