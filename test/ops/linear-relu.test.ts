// linearRelu: first and second order against central differences (inputs away from relu's kink), the
// same values and gradients as relu(linear(…)) on every backend, NaN kept, and shape errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { linear } from "../../src/ops/linear.js";
import { linearRelu } from "../../src/ops/linear-relu.js";
import { randn, tensor } from "../../src/tensor/creation.js";
import { ShapeError } from "../../src/tensor/errors.js";
import { Generator } from "../../src/tensor/random.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { internalChecks } from "../../src/nn/internal-checks.js";
import { onEveryBackend } from "../support/every-backend.js";
import { runCases } from "../support/grad-cases.js";

runCases("linearRelu", internalChecks["linearRelu"]!);

onEveryBackend("linearRelu equals relu(linear(x, W, b)) in values and gradients", (dtype) => {
  const g = new Generator(9);
  for (const shape of [[5], [7, 5], [3, 64, 5]]) {
    const x = randn(shape, { dtype, generator: g, requiresGrad: true });
    const w = randn([33, 5], { dtype, generator: g, requiresGrad: true });
    const b = randn([33], { dtype, generator: g, requiresGrad: true });
    const weights = randn([...shape.slice(0, -1), 33], { dtype, generator: g });
    const grads = (f: (x: Tensor, w: Tensor, b: Tensor) => Tensor) => {
      for (const p of [x, w, b]) p.grad = null;
      const y = f(x, w, b);
      y.mul(weights).sum().backward();
      return [y, x.grad!, w.grad!, b.grad!].map((t) => Array.from(t.dataSync()));
    };
    const fused = grads(linearRelu);
    const composed = grads((x, w, b) => linear(x, w, b).relu());
    const tolerance = dtype === "float64" ? 1e-12 : 1e-4;
    fused.forEach((values, k) =>
      values.forEach((value, i) =>
        assert.ok(Math.abs(value - composed[k]![i]!) <= tolerance, `${shape} output ${k} [${i}]`),
      ),
    );
  }
});

test("linearRelu keeps NaN, zeroes negatives, and names itself in shape errors", () => {
  const y = linearRelu(
    tensor([
      [1, NaN],
      [1, 2],
      [-3, 0],
    ]),
    tensor([[1, 1]]),
    tensor([0.5]),
  );
  assert.deepEqual(y.toArray(), [[NaN], [3.5], [0]]);
  assert.throws(() => linearRelu(tensor([[1, 2]]), tensor([[1, 2, 3]])), ShapeError);
  assert.throws(() => linearRelu(tensor([[1, 2]]), tensor([[1, 2]]), tensor([1, 2])), /linearRelu/);
});
