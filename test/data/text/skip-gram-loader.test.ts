// Skip-gram batches from a word vocabulary: pad and unknown never appear, k noise words per pair.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SkipGramLoader } from "../../../src/data/text/skip-gram-loader.js";
import { WordVocabulary } from "../../../src/data/text/word-vocabulary.js";
import { Generator } from "../../../src/tensor/random.js";

const sentences = [
  ["the", "cat", "sat", "on", "the", "mat"],
  ["a", "dog", "sat", "on", "a", "log"],
  ["the", "end"],
];
const vocabulary = WordVocabulary.fromSentences(sentences, { minCount: 2 });
const ids = sentences.map((sentence) => vocabulary.encode(sentence));

test("batches of centres, contexts and k noise words; pad and unknown excluded", () => {
  const loader = new SkipGramLoader(ids, vocabulary, {
    window: 1,
    subsample: 0,
    batchSize: 4,
    negatives: 3,
    generator: new Generator(0),
  });
  const batches = [...loader];
  // known words per sentence (the, sat, on, the / a, sat, on, a / the): 2·(4 − 1) + 2·(4 − 1) + 0 pairs
  assert.equal(
    batches.reduce((total, batch) => total + batch.centers.shape[0]!, 0),
    12,
  );
  assert.deepEqual(batches[0]!.negatives.shape, [4, 3]);
  assert.equal(batches[0]!.centers.dtype, "int32");
  for (const { centers, contexts, negatives } of batches) {
    for (const tensor of [centers, contexts, negatives]) {
      for (const id of tensor.dataSync()) assert.ok(id >= 2 && id < vocabulary.size, `id ${id}`);
    }
  }
  assert.equal(loader.sampler.probabilities[vocabulary.unknownId], 0);
});

test("the same seed gives the same batches; shuffling changes the order only", () => {
  const make = (shuffle: boolean) =>
    new SkipGramLoader(ids, vocabulary, {
      window: 1,
      subsample: 0,
      batchSize: 100,
      shuffle,
      generator: new Generator(7),
    });
  const plain = [...make(false)][0]!;
  const shuffled = [...make(true)][0]!;
  assert.deepEqual([...make(true)][0]!.centers.dataSync(), shuffled.centers.dataSync());
  const pairsOf = (batch: typeof plain) =>
    Array.from(batch.centers.dataSync(), (c, i) => `${c}-${batch.contexts.dataSync()[i]}`).sort();
  assert.deepEqual(pairsOf(shuffled), pairsOf(plain));
});

test("counts given as an array, and bad options named", () => {
  const loader = new SkipGramLoader([[0, 1, 2]], [5, 5, 5], {
    window: 1,
    subsample: 0,
    batchSize: 10,
  });
  assert.equal([...loader][0]!.centers.shape[0], 4);
  assert.throws(
    () => new SkipGramLoader(ids, vocabulary, { negatives: 0 }),
    /negatives must be a positive integer/,
  );
  assert.throws(
    () => new SkipGramLoader(ids, vocabulary, { batchSize: -1 }),
    /SkipGramLoader: batchSize/,
  );
});
