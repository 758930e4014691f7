// Losses from logits: values against direct formulas, stability at ±1000, exact gradients, clear errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gradcheck, nn, randn, tensor, Generator, type Tensor } from "../../src/index.js";

const f64 = (values: number[] | number[][]): Tensor => tensor(values, { dtype: "float64" });
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

test("binaryCrossEntropyWithLogits matches −[y log σ + (1−y) log(1−σ)] for moderate logits", () => {
  const z = [-3, -0.5, 0, 0.7, 4];
  const y = [0, 1, 1, 0, 1];
  const expected = z.map(
    (zi, i) => -(y[i]! * Math.log(sigmoid(zi)) + (1 - y[i]!) * Math.log(1 - sigmoid(zi))),
  );
  const losses = nn.binaryCrossEntropyWithLogits(f64(z), f64(y), { reduction: "none" }).dataSync();
  expected.forEach((value, i) => assert.ok(Math.abs(losses[i]! - value) < 1e-12));
  const mean = nn.binaryCrossEntropyWithLogits(f64(z), f64(y)).item();
  assert.ok(Math.abs(mean - expected.reduce((a, b) => a + b) / 5) < 1e-12);
  assert.ok(
    Math.abs(
      nn.binaryCrossEntropyWithLogits(f64(z), f64(y), { reduction: "sum" }).item() - mean * 5,
    ) < 1e-12,
  );
});

test("binary cross-entropy: logits ±1000 give finite losses and gradients σ(z) − y, exact at z = 0", () => {
  const logits = f64([1000, -1000, 1000, -1000, 0]).requiresGrad_();
  const targets = f64([1, 0, 0, 1, 1]);
  const loss = nn.binaryCrossEntropyWithLogits(logits, targets, { reduction: "sum" });
  assert.equal(loss.item(), 2000 + Math.log(2));
  loss.backward();
  assert.deepEqual(logits.grad!.toArray(), [0, 0, 1, -1, -0.5]);
  const float32 = tensor([1000, -1000], { requiresGrad: true });
  nn.binaryCrossEntropyWithLogits(float32, tensor([0, 0])).backward();
  assert.ok(Array.from(float32.grad!.dataSync()).every(Number.isFinite));
});

test("losses pass gradcheck away from z = 0", () => {
  const z = f64([-2.1, -0.3, 0.4, 1.7]);
  const y = f64([0, 1, 0.3, 1]);
  assert.ok(gradcheck((logits) => nn.binaryCrossEntropyWithLogits(logits, y), [z]).ok);
  const labels = tensor([2, 0, 1], { dtype: "int32" });
  const logits = randn([3, 4], { dtype: "float64", generator: new Generator(0) });
  assert.ok(gradcheck((x) => nn.crossEntropy(x, labels), [logits]).ok);
  const target = randn([3, 4], { dtype: "float64", generator: new Generator(1) });
  assert.ok(gradcheck((x) => nn.mseLoss(x, target, { reduction: "sum" }), [logits]).ok);
});

test("crossEntropy: labels, one-hot probabilities and nllLoss agree; ±1000 logits stay finite", () => {
  const logits = f64([
    [1, 2, 3],
    [0, -1, 5],
  ]);
  const labels = tensor([2, 0], { dtype: "int32" });
  const direct = [
    3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)),
    0 - Math.log(1 + Math.exp(-1) + Math.exp(5)),
  ];
  const expected = -(direct[0]! + direct[1]!) / 2;
  assert.ok(Math.abs(nn.crossEntropy(logits, labels).item() - expected) < 1e-12);
  const probabilities = f64([
    [0, 0, 1],
    [1, 0, 0],
  ]);
  assert.ok(Math.abs(nn.crossEntropy(logits, probabilities).item() - expected) < 1e-12);
  assert.ok(Math.abs(nn.nllLoss(logits.logSoftmax(), labels).item() - expected) < 1e-12);
  const huge = f64([
    [1000, -1000, 0],
    [-1000, 1000, 0],
  ]).requiresGrad_();
  const loss = nn.crossEntropy(huge, tensor([1, 1], { dtype: "int32" }));
  assert.equal(loss.item(), 1000);
  loss.backward();
  assert.ok(Array.from(huge.grad!.dataSync()).every(Number.isFinite));
});

test("bad inputs name the values: labels out of range, shape mismatches", () => {
  const logits = randn([3, 4]);
  assert.throws(
    () => nn.crossEntropy(logits, tensor([0, 4, 1], { dtype: "int32" })),
    /crossEntropy: label 4 at position 1 is out of range for 4 classes/,
  );
  assert.throws(
    () => nn.crossEntropy(logits, tensor([0, 1], { dtype: "int32" })),
    /labels shape \[2\] does not match scores shape \[3, 4\]/,
  );
  assert.throws(
    () => nn.binaryCrossEntropyWithLogits(randn([4]), randn([4, 1])),
    /logits shape \[4\] does not match targets shape \[4, 1\]/,
  );
  assert.throws(
    () => nn.mseLoss(randn([2]), randn([3])),
    /prediction shape \[2\] does not match target shape \[3\]/,
  );
});

test("LogisticRegression returns [S] logits and SoftmaxRegression [S, C]", () => {
  const X = randn([6, 3]);
  assert.deepEqual(new nn.LogisticRegression(3).forward(X).shape, [6]);
  assert.deepEqual(new nn.SoftmaxRegression(3, 4).forward(X).shape, [6, 4]);
  assert.throws(
    () => new nn.LogisticRegression(2).forward(X),
    /expected input \[samples, 2\], got \[6, 3\]/,
  );
  assert.deepEqual(
    new nn.LogisticRegression(3).namedParameters().map(([name]) => name),
    ["weight", "bias"],
  );
});
