// Datasets and loaders: batch counts, seeded reproducibility, full batches, replacement, clear errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { arange, data, Generator, tensor, type Tensor } from "../../src/index.js";

const dataset = new data.TensorDataset(
  arange(10).reshape([10, 1]),
  arange(10, undefined, 1, { dtype: "int32" }),
);
const firstColumn = (batches: Iterable<Tensor[]>): number[][] =>
  [...batches].map(([x]) => Array.from(x!.dataSync()));

test("batches cover the dataset in order, with a short last batch unless dropLast", () => {
  assert.deepEqual(firstColumn(new data.DataLoader(dataset, { batchSize: 4 })), [
    [0, 1, 2, 3],
    [4, 5, 6, 7],
    [8, 9],
  ]);
  const dropped = new data.DataLoader(dataset, { batchSize: 4, dropLast: true });
  assert.equal(dropped.length, 2);
  assert.equal([...dropped].length, 2);
  const [x, y] = [...new data.DataLoader(dataset, { batchSize: 3 })][1]!;
  assert.deepEqual(x!.shape, [3, 1]);
  assert.deepEqual(y!.toArray(), [3, 4, 5]);
  assert.equal(y!.dtype, "int32");
});

test("batchSize 'full' yields the dataset itself, once per epoch", () => {
  const loader = new data.DataLoader(dataset, { batchSize: "full" });
  const batches = [...loader];
  assert.equal(batches.length, 1);
  assert.equal(batches[0]![0], dataset.tensors[0]);
});

test("shuffling is a seeded permutation, fresh each epoch and reproducible", () => {
  const loader = new data.DataLoader(dataset, {
    batchSize: 5,
    shuffle: true,
    generator: new Generator(1),
  });
  const epoch1 = firstColumn(loader).flat();
  const epoch2 = firstColumn(loader).flat();
  assert.deepEqual(
    [...epoch1].sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.notDeepEqual(epoch1, epoch2);
  const again = new data.DataLoader(dataset, {
    batchSize: 5,
    shuffle: true,
    generator: new Generator(1),
  });
  assert.deepEqual(firstColumn(again).flat(), epoch1);
});

test("replacement draws each observation uniformly (the lecture's X_{i_k})", () => {
  const loader = new data.DataLoader(dataset, {
    batchSize: 1,
    replacement: true,
    generator: new Generator(2),
  });
  const counts = new Array<number>(10).fill(0);
  for (let epoch = 0; epoch < 200; epoch++) for (const [x] of loader) counts[x!.item()]!++;
  assert.equal(
    counts.reduce((a, b) => a + b),
    2000,
  );
  assert.ok(
    counts.every((count) => count > 150 && count < 250),
    `counts ${counts.join(", ")}`,
  );
});

test("bad batch sizes and misaligned tensors are named", () => {
  assert.throws(
    () => new data.DataLoader(dataset, { batchSize: 0 }),
    /batchSize must be a positive integer or "full", got 0/,
  );
  assert.throws(() => new data.DataLoader(dataset, { batchSize: -3 }), /got -3/);
  assert.throws(
    () => new data.TensorDataset(arange(4), arange(5)),
    /tensor 1 has shape \[5\] but tensor 0 has 4 samples/,
  );
});

test("trainTestSplit keeps rows aligned; oneHot and standardize", () => {
  const X = arange(20).reshape([10, 2]);
  const y = arange(10, undefined, 1, { dtype: "int32" });
  const { train, test: held } = data.trainTestSplit([X, y], {
    testFraction: 0.3,
    generator: new Generator(0),
  });
  assert.deepEqual(train[0]!.shape, [7, 2]);
  assert.deepEqual(held[1]!.shape, [3]);
  const rows = train[0]!.toArray() as number[][];
  (train[1]!.toArray() as number[]).forEach((label, i) =>
    assert.deepEqual(rows[i], [2 * label, 2 * label + 1]),
  );
  assert.deepEqual(data.oneHot(tensor([0, 2], { dtype: "int32" }), 3).toArray(), [
    [1, 0, 0],
    [0, 0, 1],
  ]);
  assert.throws(
    () => data.oneHot(tensor([3], { dtype: "int32" }), 3),
    /label 3 at position 0 is out of range for 3 classes/,
  );
  const scaler = data.standardize(
    tensor(
      [
        [1, 10],
        [3, 10],
      ],
      { dtype: "float64" },
    ),
  );
  assert.deepEqual(scaler.train.toArray(), [
    [-1, 0],
    [1, 0],
  ]);
  assert.deepEqual(scaler.apply(tensor([[5, 12]], { dtype: "float64" })).toArray(), [[3, 2]]);
});

test("toy data is seeded and shaped", () => {
  const blobs = data.makeBlobs({ nSamples: 30, centers: 3, generator: new Generator(0) });
  assert.deepEqual(blobs.X.shape, [30, 2]);
  assert.deepEqual(Array.from(blobs.y.dataSync()).slice(0, 4), [0, 1, 2, 0]);
  const again = data.makeBlobs({ nSamples: 30, centers: 3, generator: new Generator(0) });
  assert.deepEqual(again.X.toArray(), blobs.X.toArray());
  const moons = data.makeMoons({ nSamples: 11, noise: 0.1, generator: new Generator(0) });
  assert.deepEqual(moons.X.shape, [11, 2]);
  assert.equal(Array.from(moons.y.dataSync()).filter((label) => label === 1).length, 5);
});
