// Word vocabularies: <pad> 0, <unk> 1, words by count with a cutoff, counts per id, JSON with checked fields.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { WordVocabulary } from "../../../src/data/text/word-vocabulary.js";

const sentences = [
  ["the", "cat", "sat"],
  ["the", "dog", "sat"],
  ["The", "end"],
];

test("pad and unknown first, then words by count (ties in code-unit order)", () => {
  const vocabulary = WordVocabulary.fromSentences(sentences);
  assert.deepEqual(vocabulary.tokens, ["<pad>", "<unk>", "sat", "the", "The", "cat", "dog", "end"]);
  assert.deepEqual(Array.from(vocabulary.counts), [0, 0, 2, 2, 1, 1, 1, 1]);
  assert.deepEqual(Array.from(vocabulary.encode(["the", "bird", "sat"])), [3, 1, 2]);
  assert.deepEqual(vocabulary.decode([0, 3, 1]), ["<pad>", "the", "<unk>"]);
  assert.equal(vocabulary.padId, 0);
  assert.equal(vocabulary.unknownId, 1);
});

test("minCount, maxSize and lowercase; dropped words are counted as <unk>", () => {
  const frequent = WordVocabulary.fromSentences(sentences, { minCount: 2 });
  assert.deepEqual(frequent.tokens, ["<pad>", "<unk>", "sat", "the"]);
  assert.equal(frequent.counts[1], 4); // The, cat, dog, end
  const lower = WordVocabulary.fromSentences(sentences, { lowercase: true, maxSize: 4 });
  assert.deepEqual(lower.tokens, ["<pad>", "<unk>", "the", "sat"]);
  assert.equal(lower.idOf("THE"), 2);
  assert.equal(lower.counts[2], 3);
  assert.throws(
    () => WordVocabulary.fromSentences(sentences, { maxSize: 1 }),
    /maxSize must be ≥ 2/,
  );
  assert.throws(
    () => WordVocabulary.fromSentences(sentences, { minCount: 0 }),
    /minCount must be ≥ 1/,
  );
});

test("counts add up to the number of words, whatever the cutoff", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.constantFrom("a", "b", "c", "d", "<unk>"), { maxLength: 6 }), {
        maxLength: 6,
      }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 2, max: 6 }),
      (docs, minCount, maxSize) => {
        const vocabulary = WordVocabulary.fromSentences(docs, { minCount, maxSize });
        const total = vocabulary.counts.reduce((sum, count) => sum + count, 0);
        assert.equal(total, docs.flat().length);
        assert.ok(vocabulary.size <= maxSize);
        for (const doc of docs) {
          vocabulary
            .encode(doc)
            .forEach((id, i) => assert.ok(id === 1 || vocabulary.tokens[id] === doc[i]));
        }
      },
    ),
    { seed: 13, numRuns: 200 },
  );
});

test("JSON round trip and errors naming the source and the field", () => {
  const vocabulary = WordVocabulary.fromSentences(sentences, { minCount: 2, lowercase: true });
  const again = WordVocabulary.fromJSON(JSON.stringify(vocabulary));
  assert.deepEqual(again.tokens, vocabulary.tokens);
  assert.deepEqual(again.counts, vocabulary.counts);
  assert.equal(again.lowercase, true);
  const good = vocabulary.toJSON();
  const bad: [object, RegExp][] = [
    [
      { ...good, kind: "gradus.bpe-tokenizer" },
      /words.json: field "kind": expected "gradus.word-vocabulary"/,
    ],
    [{ ...good, words: ["the", "the"] }, /field "words\[1\]": "the" appears twice/],
    [
      { ...good, words: ["<pad>", "x"] },
      /field "words\[0\]": "<pad>" appears twice or is <pad>\/<unk>/,
    ],
    [{ ...good, counts: [1] }, /field "counts": expected 2 counts, got 1/],
    [{ ...good, counts: [1, -2] }, /field "counts\[1\]": expected a count ≥ 0, got -2/],
    [{ ...good, unknownCount: "4" }, /field "unknownCount"/],
    [{ ...good, lowercase: 1 }, /field "lowercase": expected true or false, got 1/],
  ];
  for (const [json, message] of bad)
    assert.throws(() => WordVocabulary.fromJSON(json, "words.json"), message);
  assert.throws(
    () => vocabulary.decode([4]),
    /WordVocabulary.decode: token id 4 at position 0 is outside the vocabulary/,
  );
});
