// Numerics: anomaly mode names the first op giving NaN/Inf (forward on every backend, and backward);
// losses and the softmax family stay finite, with finite gradients, for logits of ±1000 and ±1e30;
// the stable ops avoid float32 overflow in exp.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as gradus from "../../src/node.js";
import { AnomalyError, detectAnomaly, nn, tensor } from "../../src/node.js";
import type { DType, Tensor } from "../../src/node.js";
import { FLOAT_DTYPES, onEveryBackend } from "../support/every-backend.js";

const isAnomaly = (op: RegExp, value?: number) => (error: unknown) =>
  error instanceof AnomalyError &&
  op.test(error.op) &&
  (value === undefined || Object.is(error.value, value));

onEveryBackend("anomaly mode names the first op giving NaN or Inf, forward", (dtype) => {
  // a naive binary cross-entropy: sigmoid underflows to 0 and log(0) is the first −Inf
  const z = tensor([2, -1000, 3], { dtype });
  assert.throws(
    () => detectAnomaly(() => z.mul(1).sigmoid().log().neg().mean()),
    isAnomaly(/^log$/, -Infinity),
  );
  // a NaN input is reported by the first op that outputs it, with its position
  const x = tensor([1, 2, NaN, 4], { dtype }).reshape([2, 2]);
  assert.throws(
    () => detectAnomaly(() => x.matmul(tensor([[1], [1]], { dtype })).relu()),
    (error: unknown) => isAnomaly(/^matmul$/)(error) && (error as AnomalyError).index === 1,
  );
  // float32 exp overflows at 100; float64 does not
  const big = tensor([1, 100], { dtype });
  if (dtype === "float32") assert.throws(() => detectAnomaly(() => big.exp()), isAnomaly(/^exp$/));
  else assert.equal(detectAnomaly(() => big.exp()).dataSync()[1], Math.exp(100));
  // after the throw, anomaly mode is off again: NaN flows silently
  assert.ok(Number.isNaN(x.sum().item()));
});

test("anomaly mode names the first op whose backward gives NaN or Inf", () => {
  // forward finite everywhere; backward: mul passes 0·g = 0 down, sqrt's 0/(2·0) is the first NaN
  const x = tensor([4, 0], { dtype: "float64", requiresGrad: true });
  const y = x
    .sqrt()
    .mul(tensor([1, 0], { dtype: "float64" }))
    .sum();
  assert.throws(() => detectAnomaly(() => y.backward()), isAnomaly(/^sqrt backward/, NaN));
  // the norm of a zero vector: finite forward, an infinite derivative of sqrt, then Inf·0 = NaN in
  // square's backward; the first is named
  for (const dtype of FLOAT_DTYPES) {
    const v = tensor([0, 0, 0], { dtype, requiresGrad: true });
    const norm = v.square().sum().sqrt();
    assert.equal(norm.item(), 0, `norm ${dtype}`);
    assert.throws(
      () => detectAnomaly(() => norm.backward()),
      isAnomaly(/^sqrt backward/, Infinity),
    );
  }
});

/** Logits holding ±scale, with ties at the maximum: [[s, −s, 0], [−s, s, s]]. */
const extreme = (scale: number, dtype: DType): Tensor =>
  tensor(
    [
      [scale, -scale, 0],
      [-scale, scale, scale],
    ],
    { dtype, requiresGrad: true },
  );

/**
 * f's value is finite (and close to `expected` when given: within a few rounding units of `scale`,
 * the inputs' magnitude), and so is every element of its gradient.
 */
function assertStable(
  label: string,
  f: (z: Tensor) => Tensor,
  z: Tensor,
  expected?: number[],
  scale = 1,
): void {
  z.zeroGrad();
  const out = f(z);
  const values = Array.from(out.dataSync());
  assert.ok(values.every(Number.isFinite), `${label}: ${values.join(", ")}`);
  if (expected) {
    values.forEach((value, i) => {
      const epsilon = z.dtype === "float32" ? 2 ** -23 : 2 ** -52;
      const tolerance = 1e-6 * Math.max(1, Math.abs(expected[i]!)) + 4 * epsilon * scale;
      assert.ok(
        Math.abs(value - expected[i]!) <= tolerance,
        `${label}: ${value} vs ${expected[i]}`,
      );
    });
  }
  out.mul(gradus.onesLike(out)).sum().backward();
  const gradient = Array.from(z.grad!.dataSync());
  assert.ok(gradient.every(Number.isFinite), `${label} gradient: ${gradient.join(", ")}`);
}

onEveryBackend(
  "losses and the softmax family are finite with finite gradients at ±1000, ±1e30",
  (dtype) => {
    for (const s of [1000, 1e30]) {
      const z = extreme(s, dtype);
      const check = (name: string, f: (x: Tensor) => Tensor, expected?: number[]) =>
        assertStable(`${name} ${dtype} ±${s}`, f, z, expected, s);
      const labels = tensor([1, 0], { dtype: "int32" });
      const log2 = Math.log(2);
      // −log softmax: row 0 picks −s (loss 2s), row 1 picks −s against a tie at s (2s + log 2)
      const none = { reduction: "none" } as const;
      check("crossEntropy", (x) => nn.crossEntropy(x, labels, none), [2 * s, 2 * s + log2]);
      check("crossEntropy mean", (x) => nn.crossEntropy(x, labels));
      const targets = tensor([0, 1, 0, 0, 0.5, 0.5], { dtype }).reshape([2, 3]);
      check("crossEntropy (probabilities)", (x) => nn.crossEntropy(x, targets, none), [
        2 * s,
        log2,
      ]);
      check("nllLoss", (x) => nn.nllLoss(x.logSoftmax(), labels));
      check("logSoftmax", (x) => x.logSoftmax(), [0, -2 * s, -s, -2 * s - log2, -log2, -log2]);
      check("logsumexp", (x) => x.logsumexp(1), [s, s + log2]);
      check("softmax", (x) => x.softmax(), [1, 0, 0, 0, 0.5, 0.5]);
      check("sigmoid", (x) => x.sigmoid(), [1, 0, 0.5, 0, 1, 1]);
      // max(z, 0) − z·y + log(1 + e^{−|z|}): 0 or s per element, log 2 at z = 0
      const y = tensor([1, 0, 1, 1, 1, 0], { dtype }).reshape([2, 3]);
      const bce = (x: Tensor) => nn.binaryCrossEntropyWithLogits(x, y, none);
      check("binaryCrossEntropyWithLogits", bce, [0, 0, log2, s, 0, s]);
      check("binaryCrossEntropyWithLogits mean", (x) => nn.binaryCrossEntropyWithLogits(x, y));
    }
  },
);

onEveryBackend("the stable ops avoid exp overflow in float32", (dtype) => {
  const hundreds = tensor([100, 100], { dtype, requiresGrad: true });
  assertStable(`logsumexp ${dtype}`, (x) => x.logsumexp(), hundreds, [100 + Math.log(2)]);
  assertStable(`softmax ${dtype}`, (x) => x.softmax(), hundreds, [0.5, 0.5]);
  const wide = tensor([-1e30, -1000, -100, -88, 0, 88, 100, 1000, 1e30], {
    dtype,
    requiresGrad: true,
  });
  const sigmoid = [
    0,
    0,
    Math.exp(-100),
    1 / (1 + Math.exp(88)),
    0.5,
    1 / (1 + Math.exp(-88)),
    1,
    1,
    1,
  ];
  assertStable(`sigmoid ${dtype}`, (x) => x.sigmoid(), wide);
  wide
    .sigmoid()
    .dataSync()
    .forEach((value, i) => {
      // float32 has subnormals down to 1.4e-45: σ(−100) ≈ 3.7e-44 may come out as 0 or subnormal
      const tolerance = dtype === "float32" ? 1e-7 * Math.max(sigmoid[i]!, 1e-38) + 1e-43 : 1e-15;
      assert.ok(
        Math.abs(value - sigmoid[i]!) <= tolerance,
        `σ(${wide.dataSync()[i]}) = ${value}, expected ${sigmoid[i]}`,
      );
    });
  assertStable(`tanh ${dtype}`, (x) => x.tanh(), wide, [-1, -1, -1, -1, 0, 1, 1, 1, 1]);
  const logits = tensor(
    [
      [100, 0],
      [-100, 100],
    ],
    { dtype, requiresGrad: true },
  );
  assertStable(
    `crossEntropy ${dtype}`,
    (x) => nn.crossEntropy(x, tensor([1, 0], { dtype: "int32" }), { reduction: "none" }),
    logits,
    [100, 200],
  );
  assertStable(
    `binaryCrossEntropyWithLogits ${dtype}`,
    (x) =>
      nn.binaryCrossEntropyWithLogits(
        x,
        tensor(
          [
            [0, 1],
            [1, 0],
          ],
          { dtype },
        ),
        { reduction: "none" },
      ),
    logits,
    [100, Math.log(2), 100, 100],
  );
});
