// Iris: 150 × 4 measurements, 50 per species, value ranges and the seeded split.
import { test } from "node:test";
import assert from "node:assert/strict";
import { IRIS_CLASSES, loadIris, loadIrisSamples } from "../../../src/data/node/iris.js";

test("150 flowers, 4 measurements, 50 of each species", async () => {
  const { features, labels } = await loadIrisSamples();
  assert.deepEqual(features.shape, [150, 4]);
  assert.deepEqual(IRIS_CLASSES, ["setosa", "versicolor", "virginica"]);
  assert.deepEqual(
    [0, 1, 2].map((c) => Array.from(labels.data).filter((l) => l === c).length),
    [50, 50, 50],
  );
  assert.deepEqual(
    Array.from(features.dataSync().subarray(0, 4), (v) => Math.round(v * 10) / 10),
    [5.1, 3.5, 1.4, 0.2],
  );
  // Fisher's ranges: sepal length 4.3 … 7.9 cm, petal width 0.1 … 2.5 cm
  assert.ok(Math.abs(features.slice(1, 0, 1).min().item() - 4.3) < 1e-6);
  assert.ok(Math.abs(features.slice(1, 0, 1).max().item() - 7.9) < 1e-6);
  assert.ok(Math.abs(features.slice(1, 3, 4).max().item() - 2.5) < 1e-6);
});

test("the split keeps 10 of each species for testing and is seeded", async () => {
  const a = await loadIris({ seed: 3 });
  const b = await loadIris({ seed: 3 });
  assert.deepEqual(a.test.labels.shape, [30]);
  assert.deepEqual(
    [0, 1, 2].map((c) => Array.from(a.test.labels.data).filter((l) => l === c).length),
    [10, 10, 10],
  );
  assert.deepEqual(a.test.features.dataSync(), b.test.features.dataSync());
  assert.deepEqual(a.train.features.shape, [120, 4]);
});
