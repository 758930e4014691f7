// The flags of `gradus lm train`: defaults by model kind, and every bad value one line naming its flag.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  parseLmSettings,
  parseTokenizerSpec,
  type LmTrainFlags,
} from "../../../src/cli/lm/options.js";

const base: LmTrainFlags = {
  corpus: "brown",
  model: "transformer",
  tokenizer: "bpe:4000",
  seed: "0",
  out: "x",
};
const parse = (flags: Partial<LmTrainFlags>) => parseLmSettings({ ...base, ...flags });

test("defaults: a 2-block transformer (d 128, 4 heads) or a 2-layer LSTM (256), context 128, batch 16, 1 epoch", () => {
  const transformer = parse({});
  assert.deepEqual(
    [
      transformer.dModel,
      transformer.heads,
      transformer.layers,
      transformer.lr,
      transformer.context,
    ],
    [128, 4, 2, 1e-3, 128],
  );
  assert.deepEqual(
    [transformer.batchSize, transformer.epochs, transformer.dropout, transformer.clip],
    [16, 1, 0, 1],
  );
  assert.deepEqual(transformer.tokenizer, { kind: "bpe", vocabSize: 4000 });
  const lstm = parse({ model: "lstm", tokenizer: "char", lr: "0.01" });
  assert.deepEqual([lstm.dModel, lstm.heads, lstm.lr, lstm.limit], [256, null, 0.01, null]);
  assert.deepEqual(lstm.tokenizer, { kind: "char" });
  assert.deepEqual(parseTokenizerSpec("bpe"), { kind: "bpe", vocabSize: 4000 });
});

test("bad values: one line naming the flag and the value", () => {
  const cases: [Partial<LmTrainFlags>, RegExp][] = [
    [{ model: "gpt" }, /--model expects transformer or lstm, got "gpt"$/],
    [{ epochs: "1.5" }, /--epochs expects an integer, got "1.5"$/],
    [{ epochs: "0" }, /--epochs must be ≥ 1, got 0$/],
    [{ lr: "-1" }, /--lr expects a positive number, got "-1"$/],
    [{ lr: "fast" }, /--lr expects a positive number, got "fast"$/],
    [{ dropout: "1" }, /--dropout expects a number in \[0, 1\), got "1"$/],
    [{ clip: "0" }, /--clip expects a positive number, got "0"$/],
    [{ context: "abc" }, /--context expects an integer, got "abc"$/],
    [{ limit: "0" }, /--limit must be ≥ 1/],
    [{ tokenizer: "bpe:9" }, /--tokenizer expects bpe:N .* got "bpe:9"$/],
    [{ tokenizer: "words" }, /--tokenizer expects .* got "words"$/],
    [{ dModel: "30", heads: "4" }, /--d-model 30 must be a multiple of --heads 4$/],
    [{ model: "lstm", heads: "2" }, /--heads applies to --model transformer only/],
    [{ seed: "x" }, /--seed expects an integer, got "x"$/],
  ];
  for (const [flags, pattern] of cases)
    assert.throws(() => parse(flags), pattern, JSON.stringify(flags));
});
