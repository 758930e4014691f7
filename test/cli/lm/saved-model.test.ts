// A saved language model read back: the same logits after a round trip; a tampered config.json,
// tokenizer or weights file is refused with one line naming the file and the field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { data, Generator, io, tensor } from "../../../src/node.js";
import { buildLanguageModel, type LmModelConfig } from "../../../src/cli/lm/config.js";
import { loadLanguageModel, saveLanguageModel } from "../../../src/cli/lm/saved-model.js";

const tokenizer = data.CharTokenizer.train(["the cat sat on the mat"], { unknownToken: "<unk>" });
const configs: LmModelConfig[] = [
  {
    model: "transformer",
    vocabSize: tokenizer.vocabSize,
    dModel: 8,
    layers: 1,
    heads: 2,
    dimFeedforward: 32,
    context: 6,
    dropout: 0,
    tieWeights: true,
  },
  {
    model: "lstm",
    vocabSize: tokenizer.vocabSize,
    dModel: 8,
    layers: 2,
    heads: null,
    dimFeedforward: null,
    context: 6,
    dropout: 0.1,
    tieWeights: true,
  },
];

test("save then load: the same logits, eval mode, the tokenizer and the training record back", async () => {
  for (const config of configs) {
    const dir = mkdtempSync(join(tmpdir(), "gradus-lm-saved-"));
    const model = buildLanguageModel(config, new Generator(4));
    await saveLanguageModel(dir, model, config, tokenizer, { note: config.model });
    const loaded = await loadLanguageModel(dir);
    const ids = tensor(Array.from(tokenizer.encode("the mat")).slice(0, 6), { dtype: "int32" });
    model.eval();
    assert.deepEqual(loaded.model.forward(ids).toArray(), model.forward(ids).toArray());
    assert.equal(loaded.model.training, false);
    assert.deepEqual(loaded.config, config);
    assert.deepEqual(loaded.tokenizer.toJSON(), tokenizer.toJSON());
    assert.deepEqual(loaded.training, { note: config.model });
  }
});

test("tampered files: one error naming the file and what does not fit", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gradus-lm-saved-"));
  const config = configs[0]!;
  await saveLanguageModel(dir, buildLanguageModel(config, new Generator(4)), config, tokenizer, {});
  const configFile = join(dir, "config.json");
  const original = JSON.parse(readFileSync(configFile, "utf8")) as { model: LmModelConfig };
  const withModel = async (
    change: Partial<Record<keyof LmModelConfig, unknown>>,
    pattern: RegExp,
  ) => {
    writeFileSync(
      configFile,
      JSON.stringify({ ...original, model: { ...original.model, ...change } }),
    );
    await assert.rejects(loadLanguageModel(dir), pattern);
  };
  await withModel(
    { model: "gru" },
    /config\.json: field "model\.model" must be one of transformer, lstm, got "gru"/,
  );
  await withModel({ dModel: -8 }, /field "model\.dModel" must be a positive integer, got -8/);
  await withModel({ heads: 3 }, /field "model\.heads" must divide dModel 8, got 3/);
  await withModel({ dropout: 1 }, /field "model\.dropout" must be a number in \[0, 1\), got 1/);
  await withModel(
    { vocabSize: 99 },
    /tokenizer has \d+ ids, but .*config\.json says the model's vocabulary has 99/,
  );
  await withModel(
    { dimFeedforward: 16 },
    /model\.safetensors: holds "layers\.0\.linear1\.weight" with shape \[32, 8\], but a transformer .* has \[16, 8\]/,
  );
  await withModel(
    { layers: 2 },
    /model\.safetensors: holds no tensor "layers\.1\.self_attn\.in_proj_weight"/,
  );
  writeFileSync(configFile, JSON.stringify({ ...original, format: "other" }));
  await assert.rejects(
    loadLanguageModel(dir),
    /config\.json: field "format" must be "gradus\.language-model\/1"/,
  );
  writeFileSync(configFile, "{ not json");
  await assert.rejects(loadLanguageModel(dir), /config\.json: not JSON/);
  writeFileSync(configFile, JSON.stringify(original));
  const weights = join(dir, "model.safetensors");
  const { tensors } = await io.loadSafetensors(weights);
  const untied = { ...tensors, "head.weight": tensors["head.weight"]!.add(1) };
  await io.saveSafetensors(weights, untied);
  await assert.rejects(
    loadLanguageModel(dir),
    /holds a head\.weight that differs from token_embedding\.weight/,
  );
  await io.saveSafetensors(weights, { ...tensors, extra: tensor([1]) });
  await assert.rejects(
    loadLanguageModel(dir),
    /holds tensors that a transformer .* does not have: extra/,
  );
  writeFileSync(
    join(dir, "tokenizer.json"),
    JSON.stringify({ kind: "gradus.char-tokenizer", version: 1 }),
  );
  await assert.rejects(loadLanguageModel(dir), /tokenizer\.json/);
});
