// Brown-style tokenising of raw text for `gradus tag predict`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenizeLine } from "../../../src/cli/commands/tag-tokenize.js";

test("punctuation at word edges stands alone; quotes become `` and ''", () => {
  assert.deepEqual(tokenizeLine('He said "no." (Really?)'), [
    ...["He", "said", "``", "no", ".", "''", "(", "Really", "?", ")"],
  ]);
  assert.deepEqual(tokenizeLine("Yes, sir; at 3:30!"), ["Yes", ",", "sir", ";", "at", "3:30", "!"]);
});

test("abbreviations, initials, numbers and inner apostrophes keep their characters", () => {
  assert.deepEqual(tokenizeLine("Mr. J. F. Smith of the U.S. paid $3.50 for it, didn't he?"), [
    ...["Mr.", "J.", "F.", "Smith", "of", "the", "U.S.", "paid", "$3.50", "for", "it", ","],
    ...["didn't", "he", "?"],
  ]);
  // the last word's full stop always comes off; a lower-case word's inside a line too
  assert.deepEqual(tokenizeLine("It rained. Then it stopped."), [
    ...["It", "rained", ".", "Then", "it", "stopped", "."],
  ]);
});

test("Brown's own tokens pass through unchanged; blank lines have no words", () => {
  const line = "`` Only a relative handful of such reports was received '' , the jury said .";
  assert.deepEqual(tokenizeLine(line), line.split(" "));
  assert.deepEqual(tokenizeLine("   \t "), []);
  assert.deepEqual(tokenizeLine("..."), ["..."]);
});
