// Special tokens: checked, and cut out of the text earliest first, longest at the same place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkSpecialTokens, splitOnSpecialTokens } from "../../../src/data/text/special-tokens.js";

const fail = (index: number, detail: string): never => {
  throw new Error(`${index}: ${detail}`);
};

test("cuts text around special tokens", () => {
  assert.deepEqual(splitOnSpecialTokens("a<s>b<s>", ["<s>"]), ["a", 0, "b", 0]);
  assert.deepEqual(splitOnSpecialTokens("<s><pad>x", ["<pad>", "<s>"]), [1, 0, "x"]);
  assert.deepEqual(splitOnSpecialTokens("<|end|>", ["<|", "<|end|>"]), [1]); // the longer one
  assert.deepEqual(splitOnSpecialTokens("plain", []), ["plain"]);
  assert.deepEqual(splitOnSpecialTokens("", ["<s>"]), []);
});

test("special tokens must be distinct non-empty strings", () => {
  assert.deepEqual(checkSpecialTokens(["<s>", "</s>"], fail), ["<s>", "</s>"]);
  assert.throws(() => checkSpecialTokens(["<s>", "<s>"], fail), /1: "<s>" appears twice/);
  assert.throws(() => checkSpecialTokens([""], fail), /0: expected a non-empty string/);
  assert.throws(() => checkSpecialTokens([3], fail), /0: expected a non-empty string, got 3/);
});
