// Language-model windows: T + 1 tokens each, overlapping by one, targets shifted by one, seeded order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LanguageModelLoader } from "../../../src/data/text/language-model-loader.js";
import { Generator } from "../../../src/tensor/random.js";

const tokens = Int32Array.from({ length: 12 }, (_, i) => 100 + i);

test("windows of context + 1 tokens, inputs and targets shifted by one", () => {
  const loader = new LanguageModelLoader(tokens, { contextLength: 3, batchSize: 2 });
  assert.equal(loader.windowCount, 3); // ⌊(12 − 1) / 3⌋
  assert.equal(loader.length, 2);
  const [first, second] = [...loader];
  assert.deepEqual(first!.windows.toArray(), [
    [100, 101, 102, 103],
    [103, 104, 105, 106],
  ]);
  assert.deepEqual(first!.inputs.toArray(), [
    [100, 101, 102],
    [103, 104, 105],
  ]);
  assert.deepEqual(first!.targets.toArray(), [
    [101, 102, 103],
    [104, 105, 106],
  ]);
  assert.deepEqual(second!.windows.toArray(), [[106, 107, 108, 109]]);
  assert.equal(first!.inputs.dtype, "int32");
});

test("every token after the first is a target once per epoch, in a seeded order", () => {
  const stream = Int32Array.from({ length: 101 }, (_, i) => i);
  const loader = new LanguageModelLoader(stream, {
    contextLength: 10,
    batchSize: 4,
    shuffle: true,
    generator: new Generator(9),
  });
  const targets = [...loader].flatMap((batch) => Array.from(batch.targets.dataSync()));
  assert.deepEqual(
    [...targets].sort((a, b) => a - b),
    Array.from({ length: 100 }, (_, i) => i + 1),
  );
  assert.notDeepEqual(
    targets,
    Array.from({ length: 100 }, (_, i) => i + 1),
  );
  const replay = new LanguageModelLoader(stream, {
    contextLength: 10,
    batchSize: 4,
    shuffle: true,
    generator: new Generator(9),
  });
  assert.deepEqual(
    [...replay].flatMap((batch) => Array.from(batch.targets.dataSync())),
    targets,
  );
  const dropped = new LanguageModelLoader(stream, {
    contextLength: 10,
    batchSize: 4,
    dropLast: true,
  });
  assert.deepEqual(
    [...dropped].map((batch) => batch.inputs.shape),
    [
      [4, 10],
      [4, 10],
    ],
  );
});

test("bad input is named", () => {
  assert.throws(
    () => new LanguageModelLoader(tokens, { contextLength: 12 }),
    /the stream has 12 tokens, fewer than contextLength \+ 1 = 13/,
  );
  assert.throws(
    () => new LanguageModelLoader(tokens, { contextLength: 0 }),
    /contextLength must be a positive integer, got 0/,
  );
  assert.throws(
    () => new LanguageModelLoader([1, 2, 0.5], { contextLength: 1 }),
    /token 0.5 at position 2 is not an int32 id/,
  );
});
