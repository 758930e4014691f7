// Tokenizer and vocabulary files: saved whole, loaded back equal; other files refused by name and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  loadTokenizer,
  loadWordVocabulary,
  saveTokenizer,
  saveWordVocabulary,
} from "../../../src/data/node/tokenizer-files.js";
import { BpeTokenizer } from "../../../src/data/text/bpe-tokenizer.js";
import { CharTokenizer } from "../../../src/data/text/char-tokenizer.js";
import { WordVocabulary } from "../../../src/data/text/word-vocabulary.js";

test("save and load BPE, character tokenizers and word vocabularies", async () => {
  const folder = await mkdtemp(join(tmpdir(), "gradus-tokenizer-"));
  try {
    const bpe = BpeTokenizer.train(["hello hello world"], {
      vocabSize: 270,
      specialTokens: ["<s>"],
    });
    await saveTokenizer(join(folder, "bpe.json"), bpe);
    const loaded = await loadTokenizer(join(folder, "bpe.json"));
    assert.ok(loaded instanceof BpeTokenizer);
    assert.deepEqual(loaded.encode("hello<s>\uD800"), bpe.encode("hello<s>\uD800"));
    const chars = CharTokenizer.train(["abc"], { unknownToken: "<unk>" });
    await saveTokenizer(join(folder, "chars.json"), chars);
    assert.deepEqual((await loadTokenizer(join(folder, "chars.json"))).toJSON(), chars.toJSON());
    const vocabulary = WordVocabulary.fromSentences([["a", "b", "a"]]);
    await saveWordVocabulary(join(folder, "words.json"), vocabulary);
    assert.deepEqual(
      (await loadWordVocabulary(join(folder, "words.json"))).tokens,
      vocabulary.tokens,
    );
    assert.deepEqual((await readdir(folder)).sort(), ["bpe.json", "chars.json", "words.json"]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test("a file of the wrong format is named with the field at fault", async () => {
  const folder = await mkdtemp(join(tmpdir(), "gradus-tokenizer-"));
  try {
    const path = join(folder, "tokenizer.json");
    await writeFile(path, JSON.stringify({ model: { type: "BPE" }, version: "1.0" }));
    await assert.rejects(loadTokenizer(path), {
      name: "TokenizerFormatError",
      message: `${path}: field "kind": expected "gradus.bpe-tokenizer" or "gradus.char-tokenizer", got nothing`,
    });
    await writeFile(
      path,
      JSON.stringify({ kind: "gradus.bpe-tokenizer", version: 1, specialTokens: [] }),
    );
    await assert.rejects(
      loadTokenizer(path),
      new RegExp(`${path}: field "merges": expected an array, got nothing`),
    );
    await assert.rejects(
      loadWordVocabulary(path),
      /field "kind": expected "gradus.word-vocabulary"/,
    );
    await assert.rejects(
      loadTokenizer(join(folder, "missing.json")),
      /missing.json: cannot read the file \(ENOENT\)/,
    );
    await assert.rejects(
      saveTokenizer(join(folder, "no", "such", "dir.json"), CharTokenizer.train(["a"])),
      /cannot write ".*dir.json"/,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
