// Vocabulary: counting, min count, max size, deterministic ties and JSON round trips.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Vocabulary } from "../../../src/data/text/vocabulary.js";

const documents = [["b", "a", "c", "a"], ["c", "d", "a"], ["e"]];

test("tokens by descending count, ties in code-unit order", () => {
  const vocabulary = Vocabulary.fromDocuments(documents);
  assert.deepEqual(vocabulary.tokens, ["a", "c", "b", "d", "e"]);
  assert.equal(vocabulary.size, 5);
  assert.equal(vocabulary.indexOf("c"), 1);
  assert.equal(vocabulary.indexOf("zebra"), undefined);
});

test("minCount and maxSize keep the frequent tokens", () => {
  assert.deepEqual(Vocabulary.fromDocuments(documents, { minCount: 2 }).tokens, ["a", "c"]);
  assert.deepEqual(Vocabulary.fromDocuments(documents, { maxSize: 3 }).tokens, ["a", "c", "b"]);
  assert.deepEqual(Vocabulary.fromDocuments(documents, { minCount: 4 }).tokens, []);
  assert.throws(() => Vocabulary.fromDocuments(documents, { minCount: 0 }), RangeError);
});

test("the vocabulary does not depend on document order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.constantFrom("x", "y", "z", "w", "v"), { maxLength: 6 }), {
        maxLength: 8,
      }),
      fc.integer({ min: 1, max: 5 }),
      (docs, maxSize) => {
        const forward = Vocabulary.fromDocuments(docs, { maxSize }).tokens;
        const backward = Vocabulary.fromDocuments([...docs].reverse(), { maxSize }).tokens;
        assert.deepEqual(forward, backward);
        assert.ok(forward.length <= maxSize);
      },
    ),
    { seed: 42, numRuns: 100 },
  );
});

test("JSON round trip (object and text) and checked input", () => {
  const vocabulary = Vocabulary.fromDocuments(documents);
  assert.deepEqual(Vocabulary.fromJSON(vocabulary.toJSON()).tokens, vocabulary.tokens);
  assert.deepEqual(Vocabulary.fromJSON(JSON.stringify(vocabulary)).tokens, vocabulary.tokens);
  assert.throws(() => Vocabulary.fromJSON({ words: [] }), {
    message: "Vocabulary.fromJSON: expected an object with a tokens array",
  });
  assert.throws(() => new Vocabulary(["a", "b", "a"]), {
    message: 'Vocabulary: token "a" appears twice (at 0 and 2)',
  });
});
