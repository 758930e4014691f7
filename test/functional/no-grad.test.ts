// noGrad and grad mode: nothing recorded inside, restored after (also on throw), transforms inside.
import { test } from "node:test";
import assert from "node:assert/strict";
import { enableGrad, grad, isGradEnabled, noGrad, tensor, type Tensor } from "../../src/index.js";

test("nothing computed inside noGrad is recorded", () => {
  const x = tensor([1, 2], { dtype: "float64", requiresGrad: true });
  const y = noGrad(() => x.mul(x).exp().sum());
  assert.equal(y.requiresGrad, false);
  assert.equal(y.isLeaf, true);
  assert.deepEqual(y.inputs, []);
  assert.equal(y.item(), Math.exp(1) + Math.exp(4));
  assert.throws(() => y.backward(), /does not require gradients/);
  assert.equal(x.grad, null);
});

test("grad mode is restored after noGrad, also when fn throws, and enableGrad reopens it", () => {
  assert.equal(isGradEnabled(), true);
  assert.throws(() =>
    noGrad(() => {
      throw new Error("inside");
    }),
  );
  assert.equal(isGradEnabled(), true);
  const x = tensor(3, { dtype: "float64", requiresGrad: true });
  const recorded = noGrad(() => enableGrad(() => x.mul(x)));
  assert.equal(recorded.requiresGrad, true);
  recorded.backward();
  assert.equal(x.grad!.item(), 6);
});

test("transforms still work inside noGrad, and return results without history", () => {
  const w = tensor(2, { dtype: "float64", requiresGrad: true });
  const second = noGrad(() =>
    grad(grad((x: Tensor) => x.pow(3).mul(w)))(tensor(1.5, { dtype: "float64" })),
  );
  assert.equal(second.item(), 18);
  assert.equal(second.requiresGrad, false);
});
