// Reading any saved tokenizer by its kind; unknown kinds and non-JSON name the source.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BpeTokenizer } from "../../../src/data/text/bpe-tokenizer.js";
import { CharTokenizer } from "../../../src/data/text/char-tokenizer.js";
import { tokenizerFromJSON } from "../../../src/data/text/tokenizer-from-json.js";
import { TokenizerFormatError } from "../../../src/data/text/tokenizer-format.js";

test("dispatches on kind", () => {
  const bpe = BpeTokenizer.train(["aaa bbb aaa"], { vocabSize: 260 });
  const chars = CharTokenizer.train(["ab"]);
  assert.ok(tokenizerFromJSON(JSON.stringify(bpe)) instanceof BpeTokenizer);
  assert.ok(tokenizerFromJSON(chars.toJSON()) instanceof CharTokenizer);
  assert.deepEqual(tokenizerFromJSON(bpe.toJSON()).encode("aaa"), bpe.encode("aaa"));
});

test("other formats are refused with the source and the field", () => {
  const refuse = (json: unknown, message: RegExp) =>
    assert.throws(
      () => tokenizerFromJSON(json, "model/tokenizer.json"),
      (error: Error) => error instanceof TokenizerFormatError && message.test(error.message),
    );
  refuse("", /^model\/tokenizer.json: not JSON/);
  refuse(
    { vocab: {}, merges: [] },
    /^model\/tokenizer.json: field "kind": expected "gradus.bpe-tokenizer" or "gradus.char-tokenizer", got nothing$/,
  );
  refuse({ kind: "toString" }, /field "kind": expected .* got "toString"/);
  refuse(null, /field "kind"/);
});
