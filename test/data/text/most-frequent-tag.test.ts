// The most-frequent-tag baseline: each word's commonest training tag, the commonest tag for unseen words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mostFrequentTagBaseline } from "../../../src/data/text/most-frequent-tag.js";

const sentence = (text: string) => {
  const tokens = text.split(" ").map((token) => token.split("/"));
  return { words: tokens.map(([word]) => word!), tags: tokens.map(([, tag]) => tag!) };
};

test("scores the commonest tag per word, and the fallback on unseen words", () => {
  const train = [
    sentence("the/DET run/NOUN was/VERB long/ADJ"),
    sentence("they/PRON run/VERB fast/ADV"),
    sentence("we/PRON run/VERB home/NOUN"),
  ];
  // run → VERB (2 of 3); unseen words → VERB, the commonest training tag (3 of 10)
  const test_ = [sentence("the/DET run/VERB was/VERB quick/ADJ barks/VERB")];
  const result = mostFrequentTagBaseline(train, test_);
  assert.equal(result.fallbackTag, "VERB");
  assert.equal(result.total, 5);
  assert.equal(result.correct, 4); // the, run, was right; quick → VERB wrong; barks → VERB right
  assert.equal(result.accuracy, 0.8);
  assert.equal(result.unknownTokens, 2);
  assert.equal(result.unknownAccuracy, 0.5);
});

test("a word's tie goes to the tag commoner overall", () => {
  const train = [sentence("a/X b/Y b/Y c/Y"), sentence("a/Y")];
  // "a" has X once and Y once; Y is commoner overall (4 vs 1)
  assert.equal(mostFrequentTagBaseline(train, [sentence("a/Y")]).accuracy, 1);
});

test("bad input is named", () => {
  const good = [sentence("a/X")];
  assert.throws(
    () => mostFrequentTagBaseline([{ words: ["a", "b"], tags: ["X"] }], good),
    /training sentence 0 has 2 words but 1 tags/,
  );
  assert.throws(
    () => mostFrequentTagBaseline(good, [{ words: ["a"], tags: [] }]),
    /test sentence 0 has 1 words but 0 tags/,
  );
  assert.throws(() => mostFrequentTagBaseline([], good), /the training sentences have no words/);
  assert.throws(() => mostFrequentTagBaseline(good, []), /the test sentences have no words/);
});
