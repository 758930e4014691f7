// CSV parsing (RFC 4180) and its errors, which name the file and line.
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
    ['a,b\n1,"open\n\n', "data.csv:2: unterminated quoted field"],
    ['a,b\n"x"y,1\n', 'data.csv:2: unexpected "y" after a closing quote'],
    ['a,b\n1,x"y\n', "data.csv:2: a quote inside an unquoted field (quote the whole field)"],
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
