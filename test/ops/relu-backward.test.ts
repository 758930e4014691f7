// relu's fused backward: the gradient passes where x > 0 or x is NaN and is 0 elsewhere, even when it
// is infinite or NaN there (PyTorch's threshold_backward); second order through relu is 0 in x.
import { test } from "node:test";
import assert from "node:assert/strict";
import { tensor } from "../../src/tensor/creation.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { reluBackward } from "../../src/ops/relu-backward.js";
import { grad } from "../../src/functional/grad.js";

test("reluBackward selects the gradient by the sign of x, on every backend's kernel sizes", () => {
  for (const size of [4, 4096]) {
    const x = tensor(Array.from({ length: size }, (_, i) => [-1, 0, NaN, 2][i % 4]!));
    const g = tensor(Array.from({ length: size }, (_, i) => [Infinity, NaN, 3, 4][i % 4]!));
    const values = Array.from(reluBackward(g, x).dataSync());
    values.forEach((value, i) => assert.equal(value, [0, 0, 3, 4][i % 4], `element ${i}`));
  }
});

test("relu's gradient of the gradient: the mask again in g, nothing in x", () => {
  const x = tensor([-2, 0.5, 3], { dtype: "float64", requiresGrad: true });
  const weights = tensor([1, 2, 3], { dtype: "float64" });
  // f(x) = Σ w·relu(x)²: ∂f/∂x = 2w·relu(x)·[x > 0], ∂²f/∂x² = 2w·[x > 0] on the diagonal
  const gradient = grad((v: Tensor) => v.relu().square().mul(weights).sum());
  const second = grad((v: Tensor) => gradient(v).sum())(x);
  assert.deepEqual(Array.from(second.dataSync()), [0, 4, 6]);
});
