// Padded batches of aligned sequences (words and tags): every sequence once per epoch, seeded order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SequenceLoader } from "../../../src/data/text/sequence-loader.js";
import { Generator } from "../../../src/tensor/random.js";

const inputs = [[1, 2, 3], [4], [5, 6], [7, 8, 9, 10], [11]];
const targets = inputs.map((sequence) => sequence.map((id) => id * 10));

test("batches pad inputs and targets alike and keep them aligned", () => {
  const loader = new SequenceLoader({ inputs, targets }, { batchSize: 2, targetPadValue: -100 });
  assert.equal(loader.length, 3);
  const batches = [...loader];
  assert.deepEqual(batches[0]!.inputs.toArray(), [
    [1, 2, 3],
    [4, 0, 0],
  ]);
  assert.deepEqual(batches[0]!.targets!.toArray(), [
    [10, 20, 30],
    [40, -100, -100],
  ]);
  assert.deepEqual(batches[0]!.mask.toArray(), [
    [1, 1, 1],
    [1, 0, 0],
  ]);
  assert.deepEqual(batches[2]!.inputs.shape, [1, 1]);
  assert.deepEqual(Array.from(batches[1]!.indices), [2, 3]);
});

test("shuffling is seeded and visits every sequence once per epoch", () => {
  const loader = new SequenceLoader(
    { inputs },
    { batchSize: 2, shuffle: true, generator: new Generator(3) },
  );
  const epoch = () => [...loader].flatMap((batch) => Array.from(batch.indices));
  const first = epoch();
  assert.deepEqual([...first].sort(), [0, 1, 2, 3, 4]);
  const replay = new SequenceLoader(
    { inputs },
    { batchSize: 2, shuffle: true, generator: new Generator(3) },
  );
  assert.deepEqual(
    [...replay].flatMap((batch) => Array.from(batch.indices)),
    first,
  );
  for (const batch of new SequenceLoader({ inputs }, { batchSize: 5, dropLast: true })) {
    assert.equal(batch.targets, undefined);
    assert.deepEqual(Array.from(batch.lengths), [3, 1, 2, 4, 1]);
  }
});

test("mismatched or empty input is named", () => {
  assert.throws(() => new SequenceLoader({ inputs: [] }), /SequenceLoader: there are no sequences/);
  assert.throws(
    () => new SequenceLoader({ inputs, targets: targets.slice(1) }),
    /5 input sequences but 4 target sequences/,
  );
  assert.throws(
    () => new SequenceLoader({ inputs: [[1, 2]], targets: [[1]] }),
    /sequence 0 has 2 inputs but 1 targets/,
  );
  assert.throws(
    () => new SequenceLoader({ inputs }, { batchSize: 0 }),
    /batchSize must be a positive integer/,
  );
});
