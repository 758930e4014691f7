// Normalisation ops: registry cases (first and second order, float32), running statistics, errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { opFamilies } from "../../src/ops/families.js";
import { batchNorm, groupNorm, layerNorm } from "../../src/ops/index.js";
import { ones, randn, tensor, zeros } from "../../src/tensor/creation.js";
import { ShapeError } from "../../src/tensor/errors.js";
import { Generator } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { runFamily } from "../support/grad-cases.js";

runFamily(opFamilies.normalization);

/** Every input's gradient of Σ w·f, flattened: recorded (tensor-op backward) or not (fused kernels). */
function gradients(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  createGraph: boolean,
): number[] {
  const leaves = inputs.map((x) => x.detach().requiresGrad_());
  const output = f(...leaves);
  const w = randn(output.shape, { dtype: "float64", generator: new Generator(3) });
  output.mul(w).sum().backward(undefined, { createGraph });
  return leaves.flatMap((x) => Array.from(x.grad?.dataSync() ?? []));
}

test("the recorded backward (tensor ops, for higher orders) equals the fused kernels' gradients", () => {
  for (const [name, row] of Object.entries(opFamilies.normalization)) {
    const generator = new Generator(11);
    for (let i = 0; i < 40; i++) {
      const { inputs, f } = row.cases[i % row.cases.length]!(generator);
      const [fused, recorded] = [gradients(f, inputs, false), gradients(f, inputs, true)];
      assert.equal(fused.length, recorded.length, name);
      fused.forEach((value, k) =>
        assert.ok(
          Math.abs(value - recorded[k]!) <= 1e-10 * (1 + Math.abs(value)),
          `${name} case ${i} element ${k}: fused ${value}, recorded ${recorded[k]}`,
        ),
      );
    }
  }
});

test("batchNorm in training updates the running statistics in place (unbiased variance)", () => {
  // channel 0: 1, 2, 3, 6 (mean 3, unbiased variance 14/3); channel 1: −1, −1, 1, 1 (mean 0, 4/3)
  const x = tensor(
    [
      [1, -1],
      [2, -1],
      [3, 1],
      [6, 1],
    ],
    { dtype: "float64" },
  );
  const [mean, variance] = [zeros([2], { dtype: "float64" }), ones([2], { dtype: "float64" })];
  const y = batchNorm(x, mean, variance, { training: true, momentum: 0.25 });
  const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-14, `${a} vs ${b}`);
  [0.75, 0].forEach((expected, c) => close(mean.dataSync()[c]!, expected));
  [0.75 + 0.25 * (14 / 3), 0.75 + 0.25 * (4 / 3)].forEach((v, c) =>
    close(variance.dataSync()[c]!, v),
  );
  // normalised with the biased variance (3.5 and 1)
  close(y.dataSync()[0]!, (1 - 3) / Math.sqrt(3.5 + 1e-5));
  close(y.dataSync()[1]!, -1 / Math.sqrt(1 + 1e-5));
  // evaluation uses the running values and leaves them alone
  const z = batchNorm(tensor([[1, 1]], { dtype: "float64" }), mean, variance);
  close(z.dataSync()[0]!, (1 - 0.75) / Math.sqrt(0.75 + 0.25 * (14 / 3) + 1e-5));
  close(mean.dataSync()[0]!, 0.75);
});

test("layerNorm and groupNorm against hand numbers", () => {
  const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  const y = layerNorm(tensor([[1, 2, 3]], { dtype: "float64" }), 3, { eps: 0 });
  [-Math.sqrt(1.5), 0, Math.sqrt(1.5)].forEach((v, i) => close(y.dataSync()[i]!, v));
  // two groups of two channels with one position each: (1, 3) and (10, 14)
  const x = tensor([[[1], [3], [10], [14]]], { dtype: "float64" });
  const weight = tensor([1, 2, 3, 4], { dtype: "float64" });
  const z = groupNorm(x, 2, { weight, bias: tensor([0, 0, 0, 1], { dtype: "float64" }), eps: 0 });
  assert.deepEqual(Array.from(z.dataSync()), [-1, 2, -3, 5]);
});

test("bad input: one clear line naming the op, the shapes and the option at fault", () => {
  const cases: [() => unknown, RegExp][] = [
    [
      () => batchNorm(randn([1, 3]), null, null, { training: true }),
      /batchNorm: expected more than 1 value per channel when training, got input of shape \[1, 3\]/,
    ],
    [
      () => batchNorm(randn([2, 3]), zeros([4]), ones([3])),
      /batchNorm: runningMean has shape \[4\] \(float32\) but the input \[2, 3\] has 3 channels/,
    ],
    [
      () => batchNorm(randn([2, 3]), zeros([3]), ones([3]), { weight: ones([2]) }),
      /batchNorm: weight has shape \[2\] but 3 channels needs \[3\] \(input \[2, 3\]\)/,
    ],
    [() => batchNorm(randn([2, 3]), null, null), /runningMean and runningVar are needed/],
    [() => batchNorm(randn([3]), null, null, { training: true }), /at least 2 dimensions/],
    [
      () => layerNorm(randn([2, 3]), [4]),
      /layerNorm: normalizedShape \[4\] does not match the input's trailing shape: input \[2, 3\]/,
    ],
    [
      () => layerNorm(randn([2, 3]), 3, { bias: zeros([2, 3]) }),
      /layerNorm: bias has shape \[2, 3\] but normalizedShape \[3\] needs \[3\]/,
    ],
    [() => layerNorm(randn([2, 3]), []), /layerNorm: normalizedShape must list/],
    [
      () => groupNorm(randn([2, 6, 4]), 4),
      /groupNorm: the input's 6 channels \(shape \[2, 6, 4\]\) are not divisible by numGroups 4/,
    ],
    [() => groupNorm(randn([2, 6]), 0), /groupNorm: numGroups must be a positive integer/],
    [() => layerNorm(randn([2, 3]), 3, { eps: -1 }), /layerNorm: eps must be/],
  ];
  for (const [run, message] of cases) assert.throws(run, message);
  assert.throws(() => layerNorm(randn([2, 3]), [4]), ShapeError);
});

test("dtypes: int32 input computes in float32; float32 with a float64 weight promotes to float64", () => {
  const ints = tensor([[1, 2, 3]], { dtype: "int32" });
  assert.equal(layerNorm(ints, 3).dtype, "float32");
  const weight = ones([3], { dtype: "float64", requiresGrad: true });
  const x = randn([2, 3], { generator: new Generator(1) });
  const y = groupNorm(x.reshape([2, 3, 1]), 3, { weight, eps: 1e-3 });
  assert.equal(y.dtype, "float64");
  y.sum().backward();
  assert.equal(weight.grad!.dtype, "float64");
  const z = batchNorm(x, zeros([3]), ones([3]), { weight, training: true });
  assert.equal(z.dtype, "float64");
});
