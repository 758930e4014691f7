// The tokeniser: Unicode words, lower-casing, stop words and minimum length.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ENGLISH_STOP_WORDS } from "../../../src/data/text/stop-words.js";
import { makeTokenizer, tokenize } from "../../../src/data/text/tokenize.js";

test("splits on everything but letters and digits, lower-cased, dropping one-letter tokens", () => {
  assert.deepEqual(tokenize("Héllo, WORLD! 42 x e-mail"), ["héllo", "world", "42", "mail"]);
  assert.deepEqual(tokenize("Grüße aus Zürich: 3½ Straßen"), [
    "grüße",
    "aus",
    "zürich",
    "3½",
    "straßen",
  ]);
  assert.deepEqual(tokenize("日本語 テキスト"), ["日本語", "テキスト"]);
  assert.deepEqual(tokenize(""), []);
});

test("decomposed accents stay inside their word", () => {
  const decomposed = "cafe\u0301 naïve".normalize("NFD");
  assert.deepEqual(tokenize(decomposed), ["cafe\u0301", "nai\u0308ve"]);
});

test("options: case, minimum length in code points, stop words", () => {
  assert.deepEqual(tokenize("Free MONEY now", { lowercase: false }), ["Free", "MONEY", "now"]);
  assert.deepEqual(tokenize("a bb ccc", { minLength: 1 }), ["a", "bb", "ccc"]);
  assert.deepEqual(tokenize("a bb ccc 𝒳𝒴", { minLength: 3 }), ["ccc"]);
  assert.deepEqual(tokenize("𝒳𝒴 z", { minLength: 2 }), ["𝒳𝒴"]);
  assert.deepEqual(tokenize("The cat is on the mat", { stopWords: "english" }), ["cat", "mat"]);
  assert.deepEqual(tokenize("The cat is on the mat", { stopWords: ["cat", "mat"] }), [
    "the",
    "is",
    "on",
    "the",
  ]);
  assert.deepEqual(tokenize("spam ham", { stopWords: new Set(["ham"]) }), ["spam"]);
  assert.equal(ENGLISH_STOP_WORDS.size, 127);
  assert.throws(() => makeTokenizer({ minLength: 0 }), {
    message: "tokenize: minLength must be a positive integer, got 0",
  });
});
