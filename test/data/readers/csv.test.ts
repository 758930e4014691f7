// CSV parsing (RFC 4180), its errors (naming the file, line and character) and fuzz-found regressions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../../src/data/readers/csv.js";

test("quoted fields hold delimiters, doubled quotes and line breaks; CRLF and a BOM are accepted", () => {
  const table = parseCsv('\ufefftext,label\r\n"Hello, ""you""",1\r\n"two\nlines",0\r\nplain,1', {
    source: "a.csv",
  });
  assert.deepEqual(table.columns, ["text", "label"]);
  assert.deepEqual(table.rows, [
    ['Hello, "you"', "1"],
    ["two\nlines", "0"],
    ["plain", "1"],
  ]);
  assert.deepEqual(table.lines, [2, 3, 5]);
  assert.equal(table.source, "a.csv");
});

test("empty fields, blank lines and a tab delimiter", () => {
  const table = parseCsv("a\tb\n\n1\t\n\t2\n", { delimiter: "\t" });
  assert.deepEqual(table.rows, [
    ["1", ""],
    ["", "2"],
  ]);
  assert.deepEqual(table.lines, [3, 4]);
  assert.deepEqual(parseCsv('x,y\n"",""\n').rows, [["", ""]]);
});

test("malformed input names the file and line", () => {
  const cases: [string, string][] = [
    ["a,b\n1,2\n3\n", "data.csv:3: expected 2 fields (as in the header), got 1"],
    ['a,b\n1,"open\n\n', "data.csv:2:3: unterminated quoted field"],
    ['a,b\n"x"y,1\n', 'data.csv:2:4: unexpected "y" after a closing quote'],
    ['a,b\n1,x"y\n', "data.csv:2:4: a quote inside an unquoted field (quote the whole field)"],
    ["a,a\n1,2\n", 'data.csv:1: the header names column "a" twice'],
    ["\n\n", "data.csv: empty file (expected a header row)"],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseCsv(text, { source: "data.csv" }), {
      name: "DataFormatError",
      message,
    });
  }
  assert.throws(() => parseCsv("a", { delimiter: '"' }), RangeError);
});

test('regression (quoted empty field taken for a blank line): a line of "" is a one-field record', () => {
  const table = parseCsv('name\n""\nx\n""');
  assert.deepEqual(table.rows, [[""], ["x"], [""]]);
  assert.deepEqual(table.lines, [2, 3, 4]);
  assert.deepEqual(parseCsv('""\n1').columns, [""]);
});

test("regression (CR inside quotes not counted): rows after a quoted CR report the right line", () => {
  const table = parseCsv('a,b\n"one\rtwo",1\n3,4\r5,6\n');
  assert.deepEqual(table.lines, [2, 4, 5]);
  assert.throws(() => parseCsv('a\n"x\ry"z\n', { source: "d.csv" }), {
    message: 'd.csv:3:3: unexpected "z" after a closing quote',
  });
});

test("regression (quadratic fields and header check): 10^5 columns parse in one pass", () => {
  // Fields were appended by copying the record's array and duplicates found by indexOf: O(n²).
  const n = 100_000;
  const header = Array.from({ length: n }, (_, i) => `c${i}`).join(",");
  const table = parseCsv(`${header}\n${"1,".repeat(n - 1)}1\n`);
  assert.equal(table.columns.length, n);
  assert.equal(table.rows[0]!.length, n);
  assert.throws(() => parseCsv(`${header},c${n - 1}\n`), { message: /column "c99999" twice/ });
});
