// MNIST from the package's per-digit files: counts per digit, pixel range, seeded stratified split.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { loadMnist, loadMnistDigits, type DigitSamples } from "../../../src/data/node/mnist.js";

let all: DigitSamples;

before(async () => {
  all = await loadMnistDigits();
});

test("10,000 digits of 784 pixels in [0, 1], sorted by digit with the package's counts", () => {
  assert.deepEqual(all.images.shape, [10000, 784]);
  assert.equal(all.images.dtype, "float32");
  assert.equal(all.labels.dtype, "int32");
  const counts = new Array<number>(10).fill(0);
  for (const label of all.labels.data) counts[label]!++;
  assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  assert.equal(all.images.min().item(), 0);
  assert.equal(all.images.max().item(), 1);
  assert.equal(all.images.data[0], 0);
  // mostly background: the mean ink per pixel of MNIST is about 0.13
  const mean = all.images.mean().item();
  assert.ok(mean > 0.1 && mean < 0.15, `mean pixel ${mean}`);
});

test("the split is seeded and stratified", async () => {
  const a = await loadMnist({ seed: 5 });
  assert.deepEqual(a.test.images.shape, [2000, 784]);
  assert.deepEqual(a.train.labels.shape, [8000]);
  const testOnes = Array.from(a.test.labels.data).filter((label) => label === 1).length;
  assert.equal(testOnes, Math.round(1127 * 0.2));
  const b = await loadMnist({ seed: 5 });
  assert.deepEqual(b.test.images.dataSync(), a.test.images.dataSync());
  const c = await loadMnist({ seed: 6 });
  assert.notDeepEqual(
    c.test.images.dataSync().subarray(0, 7840),
    a.test.images.dataSync().subarray(0, 7840),
  );
});
