// The pre-tokeniser: GPT-2-like chunks that put together give the text back, whatever it is.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { anyString } from "../../support/text-arbitraries.js";
import { preTokenize } from "../../../src/data/text/pre-tokenize.js";

test("letters, digits, punctuation and spaces split as GPT-2 does", () => {
  assert.deepEqual(preTokenize("Hello, world!  It's 2024\tok"), [
    "Hello",
    ",",
    " world",
    "!",
    " ",
    " It",
    "'s",
    " 2024",
    "\t",
    "ok",
  ]);
  assert.deepEqual(preTokenize("a\u0301b  "), ["a\u0301b", "  "]); // a combining accent stays in its word
  assert.deepEqual(preTokenize("x \uD800y"), ["x", " \uD800", "y"]); // a lone surrogate is "other"
  assert.deepEqual(preTokenize(""), []);
});

test("the chunks put together are the text, for every string", () => {
  fc.assert(
    fc.property(anyString(), (text) => {
      const chunks = preTokenize(text);
      assert.equal(chunks.join(""), text);
      assert.ok(chunks.every((chunk) => chunk.length > 0));
    }),
    { seed: 3, numRuns: 500 },
  );
});
