// The character tokenizer: code points in code-point order, special tokens, unknown characters, JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { CharTokenizer } from "../../../src/data/text/char-tokenizer.js";
import { anyString } from "../../support/text-arbitraries.js";

test("ids follow code-point order, then the special tokens", () => {
  const chars = CharTokenizer.train(["hello", "😀 \uD800"], { specialTokens: ["<s>"] });
  assert.deepEqual(chars.characters, [" ", "e", "h", "l", "o", "\uD800", "😀"]);
  assert.equal(chars.vocabSize, 8);
  assert.deepEqual(Array.from(chars.encode("<s>hole😀")), [7, 2, 4, 3, 1, 6]);
  assert.equal(chars.decode([7, 2, 4, 3, 1, 6]), "<s>hole😀");
  assert.equal(chars.specialTokenId("<s>"), 7);
});

test("decode(encode(s)) is s for every string made of the corpus's characters", () => {
  fc.assert(
    fc.property(fc.array(anyString(), { minLength: 1, maxLength: 4 }), (texts) => {
      fc.pre(texts.join("").length > 0);
      const chars = CharTokenizer.train(texts);
      for (const text of texts) assert.equal(chars.decode(chars.encode(text)), text);
    }),
    { seed: 12, numRuns: 300 },
  );
});

test("unseen characters become the unknown token, or throw without one", () => {
  const withUnknown = CharTokenizer.train(["hello"], { unknownToken: "<unk>" });
  assert.deepEqual(Array.from(withUnknown.encode("hole!")), [1, 3, 2, 0, 4]);
  assert.deepEqual(withUnknown.specialTokens, ["<unk>"]);
  const strict = CharTokenizer.train(["hello"]);
  assert.throws(
    () => strict.encode("hi"),
    /CharTokenizer.encode: character "i" \(U\+0069\) is not in the vocabulary/,
  );
  assert.throws(
    () => strict.decode([5]),
    /token id 5 at position 0 is outside the vocabulary \(0 … 3\)/,
  );
  assert.throws(() => CharTokenizer.train([]), /the corpus is empty \(0 texts/);
  assert.throws(
    () => CharTokenizer.train(["<s>"], { specialTokens: ["<s>"] }),
    /the corpus is empty \(1 texts/,
  );
  assert.throws(() => new CharTokenizer(["a", "a"]), /character 1: "a" appears twice/);
  assert.throws(() => new CharTokenizer(["ab"]), /character 0: expected one character/);
});

test("JSON round trip, and errors naming the source and the field", () => {
  const chars = CharTokenizer.train(["abc\uDC00"], {
    specialTokens: ["<s>"],
    unknownToken: "<unk>",
  });
  const again = CharTokenizer.fromJSON(JSON.stringify(chars));
  assert.deepEqual(again.toJSON(), chars.toJSON());
  assert.deepEqual(again.encode("ab\uDC00z<s>"), chars.encode("ab\uDC00z<s>"));
  const good = chars.toJSON();
  const bad: [object, RegExp][] = [
    [
      { ...good, kind: "gradus.bpe-tokenizer" },
      /chars.json: field "kind": expected "gradus.char-tokenizer"/,
    ],
    [
      { ...good, characters: ["a", "bc"] },
      /chars.json: field "characters\[1\]": expected one character/,
    ],
    [{ ...good, characters: null }, /field "characters": expected an array, got null/],
    [
      { ...good, specialTokens: ["<s>", ""] },
      /field "specialTokens\[1\]": expected a non-empty string/,
    ],
    [
      { ...good, unknownToken: "<oov>" },
      /field "unknownToken": expected null or one of the special tokens, got "<oov>"/,
    ],
  ];
  for (const [json, message] of bad)
    assert.throws(() => CharTokenizer.fromJSON(json, "chars.json"), message);
});
