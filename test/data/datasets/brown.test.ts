// Brown's text format and its split rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { brownPart, parseBrown, sentencesToText } from "../../../src/data/datasets/brown.js";

test("one sentence per non-blank line, word/tag split at the last slash", () => {
  const text = "\n\n\tThe/at jury/nn said/vbd ./.\n\n\n\t1-1/2/cd inches/nns ./.\n";
  const sentences = parseBrown(text, "ca01");
  assert.deepEqual(sentences, [
    { words: ["The", "jury", "said", "."], tags: ["at", "nn", "vbd", "."] },
    { words: ["1-1/2", "inches", "."], tags: ["cd", "nns", "."] },
  ]);
  assert.equal(sentencesToText(sentences), "The jury said .\n1-1/2 inches .");
  assert.throws(
    () => parseBrown("\tok/uh\n\tbroken\n", "cb07"),
    /^DataFormatError: cb07:2: token "broken" is not word\/tag$/,
  );
  assert.throws(() => parseBrown("\tword/\n", "cb07"), /cb07:1: token "word\/" is not word\/tag/);
});

test("files 8 and 9 of every ten are validation and test", () => {
  const parts = Array.from({ length: 500 }, (_, i) => brownPart(i));
  assert.deepEqual(parts.slice(0, 10), [...Array<string>(8).fill("train"), "validation", "test"]);
  assert.equal(parts.filter((part) => part === "train").length, 400);
  assert.equal(parts.filter((part) => part === "test").length, 50);
  assert.throws(
    () => brownPart(-1),
    /brownPart: the file index must be a non-negative integer, got -1/,
  );
});
