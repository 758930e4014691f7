// JSON Lines parsing, its errors and fuzz-found regressions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseJsonl } from "../../../src/data/readers/jsonl.js";

test("one object per line; columns in order of first appearance; missing keys are undefined", () => {
  const table = parseJsonl('{"text": "hi", "label": 1}\n\n{"label": 0, "extra": true}\r\n', {
    source: "d.jsonl",
  });
  assert.deepEqual(table.columns, ["text", "label", "extra"]);
  assert.deepEqual(table.rows, [
    ["hi", 1, undefined],
    [undefined, 0, true],
  ]);
  assert.deepEqual(table.lines, [1, 3]);
});

test("invalid JSON and non-objects name the file and line", () => {
  assert.throws(() => parseJsonl('{"a": 1}\n{"a": }\n', { source: "d.jsonl" }), {
    name: "DataFormatError",
    message: /^d\.jsonl:2(:\d+)?: invalid JSON \(/,
  });
  assert.throws(() => parseJsonl("[1, 2]", { source: "d.jsonl" }), {
    message: "d.jsonl:1: expected a JSON object, got an array",
  });
  assert.throws(() => parseJsonl('{}\n"text"', { source: "d.jsonl" }), {
    message: 'd.jsonl:2: expected a JSON object, got "text"',
  });
});

test('regression (inherited keys): a record lacking "constructor" has undefined there, not Object', () => {
  const table = parseJsonl('{"constructor": 1, "toString": 2}\n{"__proto__": 3}\n{}\n');
  assert.deepEqual(table.columns, ["constructor", "toString", "__proto__"]);
  assert.deepEqual(table.rows, [
    [1, 2, undefined],
    [undefined, undefined, 3],
    [undefined, undefined, undefined],
  ]);
});

test("regression (integer-like keys reordered): columns follow the line, not Object.keys", () => {
  const table = parseJsonl('{"text": "a", "0": 1, "b\\"": {"9": 2}, "label" : 0}\n{"1": 5}\n');
  assert.deepEqual(table.columns, ["text", "0", 'b"', "label", "1"]);
  assert.deepEqual(table.rows[0], ["a", 1, { 9: 2 }, 0, undefined]);
});

test("regression (whole line in the message): errors quote at most a short piece of the line", () => {
  const long = "y".repeat(100_000);
  assert.throws(() => parseJsonl(`"${long}"`, { source: "d.jsonl" }), {
    message: `d.jsonl:1: expected a JSON object, got "${"y".repeat(56)}...`,
  });
  assert.throws(() => parseJsonl(`{"a": 1,`, { source: "d.jsonl" }), {
    message: /^d\.jsonl:1:9: invalid JSON \(/,
  });
  assert.throws(() => parseJsonl(`{"a": 1}}`, { source: "d.jsonl" }), {
    message: /^d\.jsonl:1:9: invalid JSON \(/,
  });
});
