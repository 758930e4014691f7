// The fused loss primitives (sigmoidCrossEntropy, softmaxCrossEntropy) and the logSoftmax primitive:
// gradients to second order, agreement with the composite formulas they replaced, dtypes and views.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { nn, tensor, type DType, type Tensor } from "../../src/index.js";
import { opFamilies } from "../../src/ops/families.js";
import { logSoftmax, sigmoidCrossEntropy } from "../../src/ops/index.js";
import { buildTensor, tensorArb } from "../support/arbitraries.js";
import { runFamily, SEED } from "../support/grad-cases.js";

runFamily(opFamilies.losses);

/** The composites the primitives replaced, as independent references. */
const composite = {
  bce(z: Tensor, y: Tensor): Tensor {
    const positive = z.gt(0).astype(z.dtype);
    const negativeAbs = z.mul(positive.mul(-2).add(1));
    return z.mul(positive).sub(z.mul(y)).add(negativeAbs.exp().add(1).log());
  },
  logSoftmax(x: Tensor, axis: number): Tensor {
    const shift = x.detach().max(axis, true);
    return x.sub(x.sub(shift).exp().sum(axis, true).log().add(shift));
  },
};

function assertClose(actual: Tensor, expected: Tensor, tolerance: number, what: string): void {
  assert.deepEqual(actual.shape, expected.shape, what);
  const [a, e] = [actual.dataSync(), expected.dataSync()];
  e.forEach((value, i) =>
    assert.ok(
      Math.abs(a[i]! - value) <= tolerance * (1 + Math.abs(value)),
      `${what}[${i}]: ${a[i]} vs ${value}`,
    ),
  );
}

test("the fused losses equal the composites they replaced, values and gradients, in every layout", () => {
  fc.assert(
    fc.property(tensorArb({ minRank: 1, min: -30, max: 30 }), (z) => {
      const y = buildTensor(
        z.shape,
        Array.from({ length: z.size }, (_, i) => (i * 0.37) % 1),
        "sliced",
      );
      const [a, b] = [z.detach().requiresGrad_(), z.detach().requiresGrad_()];
      const fused = sigmoidCrossEntropy(a, y);
      const reference = composite.bce(b, y);
      assertClose(fused, reference, 1e-12, "bce");
      fused.sum().backward();
      reference.sum().backward();
      assertClose(a.grad!, b.grad!, 1e-12, "∂bce/∂z");
    }),
    { seed: SEED, numRuns: 60 },
  );
  fc.assert(
    fc.property(
      tensorArb({ minRank: 1, min: -30, max: 30 }).chain((x) =>
        fc.tuple(fc.constant(x), fc.integer({ min: -x.rank, max: x.rank - 1 })),
      ),
      ([x, axis]) => {
        const [a, b] = [x.detach().requiresGrad_(), x.detach().requiresGrad_()];
        const fused = logSoftmax(a, axis);
        const reference = composite.logSoftmax(b, axis);
        assertClose(fused, reference, 1e-12, "logSoftmax");
        const w = buildTensor(
          x.shape,
          Array.from({ length: x.size }, (_, i) => Math.sin(i + 1)),
          "contiguous",
        );
        fused.mul(w).sum().backward();
        reference.mul(w).sum().backward();
        assertClose(a.grad!, b.grad!, 1e-12, "∂logSoftmax/∂x");
      },
    ),
    { seed: SEED, numRuns: 60 },
  );
});

test("crossEntropy with labels picks −logSoftmax at the label, for float32, float64 and int32 logits", () => {
  for (const dtype of ["float32", "float64", "int32"] as const satisfies readonly DType[]) {
    const logits = tensor(
      [
        [1, 2, 3],
        [4, -5, 6],
      ],
      { dtype },
    );
    const labels = tensor([2, 1], { dtype: "int32" });
    const losses = nn.crossEntropy(logits, labels, { reduction: "none" });
    assert.equal(losses.dtype, dtype === "float64" ? "float64" : "float32");
    const expected = [
      Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3,
      Math.log(Math.exp(4) + Math.exp(-5) + Math.exp(6)) + 5,
    ];
    const tolerance = dtype === "float64" ? 1e-14 : 1e-6;
    losses
      .dataSync()
      .forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) < tolerance * 10));
    const sum = nn.crossEntropy(logits, labels, { reduction: "sum" }).item();
    assert.ok(Math.abs(sum - expected[0]! - expected[1]!) < tolerance * 20);
  }
  const int32 = nn.binaryCrossEntropyWithLogits(
    tensor([0, 2], { dtype: "int32" }),
    tensor([1, 0], { dtype: "int32" }),
    { reduction: "none" },
  );
  assert.equal(int32.dtype, "float32");
  assert.ok(Math.abs(int32.dataSync()[0]! - Math.log(2)) < 1e-7);
  assert.ok(Math.abs(int32.dataSync()[1]! - (2 + Math.log1p(Math.exp(-2)))) < 1e-6);
});

test("softmax cross-entropy backward: ∂/∂z = softmax(z) − onehot(label), scaled by the upstream gradient", () => {
  const z = tensor(
    [
      [0, Math.log(3)],
      [Math.log(4), 0],
    ],
    { dtype: "float64", requiresGrad: true },
  );
  const losses = nn.crossEntropy(z, tensor([0, 0], { dtype: "int32" }), { reduction: "none" });
  losses
    .mul(tensor([1, 2], { dtype: "float64" }))
    .sum()
    .backward();
  const expected = [0.25 - 1, 0.75, 2 * (0.8 - 1), 2 * 0.2];
  z.grad!.dataSync().forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) < 1e-15));
});

test("sigmoidCrossEntropy's fused gradient has the logits' dtype when the targets are float32", () => {
  const values = [0.3, -1.2, 2.5, 1e-7];
  const targets = [1, 0, 1, 0.5];
  const z = tensor(values, { dtype: "float64", requiresGrad: true });
  sigmoidCrossEntropy(z, tensor(targets, { dtype: "float32" }), "mean").backward();
  assert.equal(z.grad!.dtype, "float64");
  // ∂/∂zᵢ mean(loss) = (σ(zᵢ) − yᵢ)/4, computed here from the definition of σ
  const grad = Array.from(z.grad!.dataSync());
  values.forEach((v, i) => {
    const expected = (1 / (1 + Math.exp(-v)) - targets[i]!) / values.length;
    assert.ok(Math.abs(grad[i]! - expected) < 1e-15, `element ${i}: ${grad[i]} vs ${expected}`);
  });
});
