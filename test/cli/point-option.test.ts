// The --at point and integer options of the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseInteger, parsePoint } from "../../src/cli/point-option.js";

test("name=value pairs in the order given", () => {
  assert.deepEqual(parsePoint("x=2,y=5"), { x: 2, y: 5 });
  assert.deepEqual(Object.keys(parsePoint(" b = -0.5 , a=1e-3")), ["b", "a"]);
});

test("malformed points and integers are one-line errors", () => {
  for (const text of ["x", "x=", "x=abc", "2=1", "x=1;y=2", ""]) {
    assert.throws(() => parsePoint(text), /--at expects name=number pairs/);
  }
  assert.throws(() => parsePoint("x=1,x=2"), /--at gives "x" twice/);
  assert.equal(parseInteger("--k", "12"), 12);
  assert.throws(() => parseInteger("--k", "1.5"), /--k expects an integer, got "1.5"/);
});
