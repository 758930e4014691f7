// The byte-level BPE tokenizer: lossless for every string, special tokens, vocabulary size, JSON, errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { BpeTokenizer } from "../../../src/data/text/bpe-tokenizer.js";
import { Tensor } from "../../../src/tensor/tensor.js";
import { anyString, smallAlphabetText } from "../../support/text-arbitraries.js";

const corpus = [
  "the cat sat on the mat. the cat ate the rat!",
  "naïve café — 東京 😀😀 12345 12345",
  "it's the end<|endoftext|>the start",
];
const bpe = BpeTokenizer.train(corpus, {
  vocabSize: 300,
  specialTokens: ["<|endoftext|>"],
  minPairCount: 1,
});

test("decode(encode(s)) is s for every string, lone surrogates and special tokens included", () => {
  const withSpecials = fc
    .array(fc.oneof(anyString(12), fc.constant("<|endoftext|>")), { maxLength: 5 })
    .map((pieces) => pieces.join(""));
  fc.assert(
    fc.property(fc.oneof(anyString(), withSpecials), (text) => {
      const ids = bpe.encode(text);
      assert.ok(ids.every((id) => id >= 0 && id < bpe.vocabSize));
      assert.equal(bpe.decode(ids), text);
      assert.equal(bpe.decode(bpe.encodeOrdinary(text)), text);
    }),
    { seed: 21, numRuns: 1000 },
  );
  for (const text of ["", "\uD800", "\uDC00\uD800", "a\uD83D", "\uDE00b", "<|endoftext|>\uDC00"]) {
    assert.equal(bpe.decode(bpe.encode(text)), text);
  }
});

test("merges shorten the text they were learned on; bytes cover everything else", () => {
  assert.equal(bpe.vocabSize, 256 + bpe.merges.length + 1);
  const text = "the cat sat on the mat";
  assert.ok(bpe.encode(text).length < new TextEncoder().encode(text).length / 2);
  assert.deepEqual(Array.from(bpe.encode("\u00ff")), [0xc3, 0xbf]); // unseen: its UTF-8 bytes
  const the = bpe.encode(" the");
  assert.equal(the.length, 1);
  assert.equal(bpe.tokenText(the[0]!), " the");
  assert.deepEqual(Array.from(bpe.tokenBytes(the[0]!)), [32, 116, 104, 101]);
});

test("special tokens are one id each, never merged, and encodeOrdinary treats them as text", () => {
  const end = bpe.specialTokenId("<|endoftext|>");
  assert.equal(end, bpe.vocabSize - 1);
  assert.deepEqual(Array.from(bpe.encode("<|endoftext|>")), [end]);
  assert.equal(bpe.tokenText(end), "<|endoftext|>");
  assert.ok(!bpe.encodeOrdinary("<|endoftext|>").includes(end));
  for (let id = 256; id < end; id++) assert.ok(!bpe.tokenText(id).includes("<|endoftext|>"));
  assert.throws(
    () => bpe.specialTokenId("<pad>"),
    /"<pad>" is not a special token \(they are: "<\|endoftext\|>"\)/,
  );
});

test("training stops at the vocabulary size, or earlier when no pair is left", () => {
  const text = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
  const sized = BpeTokenizer.train([text], { vocabSize: 320, specialTokens: ["<s>", "</s>"] });
  assert.equal(sized.vocabSize, 320);
  assert.equal(sized.merges.length, 62);
  assert.equal(sized.specialTokenId("</s>"), 319);
  const exact = BpeTokenizer.train(["ab ab"], { vocabSize: 300, minPairCount: 1 });
  assert.deepEqual(exact.merges, [
    [97, 98],
    [32, 256],
  ]); // then no pair is left
});

test("the merges do not depend on the order of the texts", () => {
  fc.assert(
    fc.property(fc.array(smallAlphabetText(), { minLength: 1, maxLength: 6 }), (texts) => {
      fc.pre(texts.some((text) => text.length > 0));
      const forward = BpeTokenizer.train(texts, { vocabSize: 280 });
      const backward = BpeTokenizer.train([...texts].reverse(), { vocabSize: 280 });
      assert.deepEqual(forward.merges, backward.merges);
    }),
    { seed: 4, numRuns: 100 },
  );
});

test("JSON round trip keeps every encoding", () => {
  const again = BpeTokenizer.fromJSON(JSON.stringify(bpe));
  assert.deepEqual(again.toJSON(), bpe.toJSON());
  for (const text of [...corpus, "unseen wörds\uD800"])
    assert.deepEqual(again.encode(text), bpe.encode(text));
  assert.equal(bpe.toJSON().kind, "gradus.bpe-tokenizer");
  assert.equal(bpe.toJSON().version, 1);
});

test("decode checks ids and takes int32 tensors", () => {
  const ids = bpe.encode("the cat");
  assert.equal(bpe.decode(new Tensor(ids, [ids.length])), "the cat");
  assert.equal(bpe.decode([]), "");
  assert.equal(bpe.decode([0xe2, 0x82]), "\uFFFD"); // a cut character
  assert.throws(
    () => bpe.decode([1, bpe.vocabSize]),
    /BpeTokenizer.decode: token id 300 at position 1 is outside the vocabulary \(0 … 299\)/,
  );
  assert.throws(() => bpe.decode([-1]), /token id -1 at position 0/);
  assert.throws(() => bpe.decode([1.5]), RangeError);
  assert.throws(() => bpe.tokenText(999), /outside the vocabulary/);
});

test("bad training input gets a clear error", () => {
  assert.throws(() => BpeTokenizer.train([], { vocabSize: 300 }), /the corpus is empty \(0 texts/);
  assert.throws(
    () => BpeTokenizer.train(["", ""], { vocabSize: 300 }),
    /the corpus is empty \(2 texts/,
  );
  assert.throws(
    () => BpeTokenizer.train(["<s><s>"], { vocabSize: 300, specialTokens: ["<s>"] }),
    /no characters outside special tokens/,
  );
  assert.throws(
    () => BpeTokenizer.train(["abc"], { vocabSize: 256, specialTokens: ["<s>"] }),
    /vocabSize must be an integer from 257 \(256 bytes \+ 1 special tokens\).*got 256/,
  );
  assert.throws(() => BpeTokenizer.train(["abc"], { vocabSize: 300.5 }), RangeError);
  assert.throws(
    () => BpeTokenizer.train([3 as unknown as string], { vocabSize: 300 }),
    /text 0 is not a string/,
  );
  assert.throws(
    () => BpeTokenizer.train(["a"], { vocabSize: 300, specialTokens: ["<s>", "<s>"] }),
    /special token 1: "<s>" appears twice/,
  );
});

test("a saved tokenizer of the wrong format names the source and the field", () => {
  const good = bpe.toJSON();
  const cases: [unknown, RegExp][] = [
    ["{not json", /^TokenizerFormatError: bpe.json: not JSON/],
    [[1, 2], /bpe.json: expected a JSON object, got \[1,2\]/],
    [
      { ...good, kind: "gradus.char-tokenizer" },
      /bpe.json: field "kind": expected "gradus.bpe-tokenizer", got "gradus.char-tokenizer"/,
    ],
    [{ ...good, version: 2 }, /field "version": expected 1 .*got 2/],
    [{ ...good, merges: "x" }, /field "merges": expected an array, got "x"/],
    [
      { ...good, merges: [[97, 98], [97]] },
      /field "merges\[1\]": expected a pair of token ids, got \[97\]/,
    ],
    [{ ...good, merges: [[97, 256]] }, /field "merges\[0\]": \[97, 256\] uses an id ≥ 256/],
    [
      {
        ...good,
        merges: [
          [97, 98],
          [97, 98],
        ],
      },
      /field "merges": .*merge 1: repeats merge 0/,
    ],
    [
      { ...good, specialTokens: ["<s>", 5] },
      /field "specialTokens\[1\]": expected a non-empty string, got 5/,
    ],
  ];
  for (const [json, message] of cases) {
    assert.throws(
      () =>
        BpeTokenizer.fromJSON(typeof json === "string" ? json : JSON.stringify(json), "bpe.json"),
      (error: Error) => {
        assert.match(String(error), message);
        return error.name === "TokenizerFormatError";
      },
    );
  }
});
