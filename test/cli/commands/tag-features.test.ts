// What the tagger sees of a word: shape ids, suffixes, and vocabularies that survive a JSON round trip.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  suffixOf,
  TagFeatures,
  WORD_SHAPES,
  wordShape,
} from "../../../src/cli/commands/tag-features.js";

test("word shapes: case, symbols, numbers and punctuation", () => {
  const shapes = Object.fromEntries(
    [
      "dog",
      "Smith",
      "NASA",
      "McDonald",
      "well-known",
      "O'Brien",
      "U.S.",
      "1,000",
      "3-D",
      "--",
      "I",
    ].map((word) => [word, WORD_SHAPES[wordShape(word)]]),
  );
  assert.deepEqual(shapes, {
    dog: "lower",
    Smith: "capitalized",
    NASA: "upper",
    McDonald: "mixed",
    "well-known": "lower+symbols",
    "O'Brien": "mixed+symbols",
    "U.S.": "upper+symbols",
    "1,000": "number",
    "3-D": "letters+digits",
    "--": "punctuation",
    I: "capitalized",
  });
});

test("suffixes are the lower-cased last letters, by code point", () => {
  assert.equal(suffixOf("Walking", 3), "ing");
  assert.equal(suffixOf("Is", 3), "is");
  assert.equal(suffixOf("naïveté", 2), "té");
});

test("rare words and suffixes become <unk>; toJSON/fromJSON keeps every id", () => {
  const sentences = [{ words: ["The", "dog", "barks"] }, { words: ["the", "dog", "sleeps"] }];
  const features = TagFeatures.fromSentences(sentences, { minCount: 2, suffixLength: 3 });
  const ids = features.encode(["THE", "dog", "meows"]);
  assert.deepEqual(Array.from(ids.words), [
    features.words.idOf("the"),
    features.words.idOf("dog"),
    features.words.unknownId,
  ]);
  assert.notEqual(ids.words[0], features.words.unknownId);
  assert.equal(ids.suffixes[2], features.suffixes.unknownId); // "ows" never seen
  const again = TagFeatures.fromJSON(JSON.stringify(features.toJSON()), "vocabulary.json");
  assert.deepEqual(again.encode(["THE", "dog", "meows"]), ids);
  assert.throws(() => TagFeatures.fromJSON("{", "v.json"), /^Error: v\.json: not valid JSON$/);
  assert.throws(
    () => TagFeatures.fromJSON({ kind: "other" }, "v.json"),
    /v\.json: not a tagger vocabulary/,
  );
});
