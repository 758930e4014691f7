// JSON Lines parsing and its errors.
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
    message: /^d\.jsonl:2: invalid JSON \(/,
  });
  assert.throws(() => parseJsonl("[1, 2]", { source: "d.jsonl" }), {
    message: "d.jsonl:1: expected a JSON object, got an array",
  });
  assert.throws(() => parseJsonl('{}\n"text"', { source: "d.jsonl" }), {
    message: 'd.jsonl:2: expected a JSON object, got "text"',
  });
});
