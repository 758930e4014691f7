// fit: a seeded smoke test where the loss falls, early stopping, callbacks, progress, and NaN losses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { data, Generator, nn, optim, tensor } from "../../src/index.js";

function blobsLoader(seed: number) {
  const { X, y } = data.makeBlobs({
    nSamples: 200,
    centers: [
      [-2, 0],
      [2, 0],
    ],
    generator: new Generator(seed),
  });
  return {
    X,
    y: y.astype("float32"),
    loader: new data.DataLoader(new data.TensorDataset(X, y.astype("float32")), {
      batchSize: 20,
      shuffle: true,
      generator: new Generator(seed),
    }),
  };
}

test("fit on blobs: the loss falls, accuracy rises, progress and callbacks are called", () => {
  const { loader } = blobsLoader(0);
  const model = new nn.LogisticRegression(2);
  const seen: optim.Progress[] = [];
  const epochs: number[] = [];
  const history = optim.fit(model, loader, {
    optimizer: new optim.SGD(model.parameters(), { lr: 0.5 }),
    epochs: 5,
    lossFn: (logits, y) => nn.binaryCrossEntropyWithLogits(logits, y),
    validation: blobsLoader(1).loader,
    progress: (progress) => seen.push(progress),
    callbacks: { onEpochEnd: (logs) => void epochs.push(logs.epoch) },
  });
  assert.equal(history.epochs, 5);
  assert.ok(history.loss[4]! < history.loss[0]! && history.loss[0]! < Math.log(2));
  assert.ok(history.metrics["accuracy"]!.at(-1)! > 0.9);
  assert.ok(history.metrics["validation.accuracy"]!.at(-1)! > 0.9);
  assert.equal(history.validationLoss.length, 5);
  assert.deepEqual(epochs, [1, 2, 3, 4, 5]);
  assert.equal(seen.filter((p) => p.done).length, 5);
  assert.deepEqual([seen[0]!.batch, seen[0]!.batches], [1, 10]);
  assert.match(optim.formatProgress(seen[0]!), /^epoch 1\/5 \[#+-+\] 1\/10 loss \d\.\d{4}$/);
});

test("early stopping ends training after `patience` epochs without improvement", () => {
  const { loader } = blobsLoader(0);
  const model = new nn.LogisticRegression(2);
  const history = optim.fit(model, loader, {
    optimizer: new optim.SGD(model.parameters(), { lr: 0 }),
    epochs: 50,
    lossFn: nn.binaryCrossEntropyWithLogits,
    earlyStopping: { patience: 3 },
    progress: false,
  });
  assert.equal(history.stoppedEarly, true);
  assert.equal(history.epochs, 4);
});

test("a NaN loss stops fit with an error naming the epoch and batch", () => {
  const X = tensor([
    [0, 1],
    [Number.NaN, 1],
  ]);
  const loader = new data.DataLoader(new data.TensorDataset(X, tensor([0, 1])), { batchSize: 1 });
  const model = new nn.LogisticRegression(2);
  assert.throws(
    () =>
      optim.fit(model, loader, {
        optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }),
        epochs: 1,
        lossFn: nn.binaryCrossEntropyWithLogits,
      }),
    /fit: the loss is NaN at epoch 1, batch 1/,
  );
  assert.equal(optim.terminalProgress(), undefined);
});

test("accuracy handles logits [S] and scores [S, C]", () => {
  assert.equal(optim.accuracy(tensor([2, -1, 3]), tensor([1, 1, 1])), 2 / 3);
  assert.equal(
    optim.accuracy(
      tensor([
        [0, 5],
        [3, 1],
      ]),
      tensor([1, 1], { dtype: "int32" }),
    ),
    0.5,
  );
});
