// customOp: one recorded vertex, raw-array forwards, gradcheck, nesting in transforms, named errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  customOp,
  grad,
  gradcheck,
  hessian,
  randn,
  Generator,
  ShapeError,
  Tensor,
  tensor,
} from "../../src/index.js";

// softplus(x) = log(1 + eˣ), forward on raw arrays, d/dx softplus = σ(x) = 1 − e^(−softplus(x))
const softplus = customOp({
  name: "softplus",
  forward: (x) => {
    const values = x.dataSync().map((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
    return new Tensor(values, x.shape);
  },
  backward: (outputGrad, { output }) => [outputGrad.mul(output.neg().exp().neg().add(1))],
});

// a two-input op written with tensor ops: f(a, b) = a·b², ∂f/∂a = b², ∂f/∂b = 2ab
const mulSquare = customOp({
  name: "mulSquare",
  forward: (a, b) => a.mul(b).mul(b),
  backward: (outputGrad, { inputs: [a, b] }) => [
    outputGrad.mul(b!.mul(b!)),
    outputGrad.mul(a!.mul(b!).mul(2)),
  ],
});

const f64 = (value: number | number[]): Tensor => tensor(value, { dtype: "float64" });

test("a custom op records one vertex whatever its forward does inside", () => {
  const x = tensor([1, 2], { dtype: "float64", requiresGrad: true });
  const y = mulSquare(x, f64([3, 4]));
  assert.deepEqual(y.toArray(), [9, 32]);
  assert.equal(y.op!.name, "mulSquare");
  assert.deepEqual(y.inputs.length, 2);
  assert.equal(y.inputs[0], x);
  y.sum().backward();
  assert.deepEqual(x.grad!.toArray(), [9, 16]);
});

test("softplus (raw-array forward) passes gradcheck at every element of random inputs", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 10_000 }), (n, seed) => {
      const x = randn([n], { dtype: "float64", generator: new Generator(seed) }).mul(3);
      const result = gradcheck((t) => softplus(t), [x]);
      assert.ok(result.ok, JSON.stringify(result));
    }),
    { numRuns: 30, seed: 11 },
  );
  assert.ok(gradcheck(mulSquare, [f64([1, -2, 3]), f64([0.5, 2, -1])]).ok);
});

test("custom ops work in transforms and to second order", () => {
  const x = f64(0.3);
  const sigma = 1 / (1 + Math.exp(-0.3));
  assert.ok(Math.abs(grad(softplus)(x).item() - sigma) < 1e-15);
  assert.ok(Math.abs(grad(grad(softplus))(x).item() - sigma * (1 - sigma)) < 1e-15);
  assert.deepEqual(hessian((v: Tensor) => mulSquare(v.at(0), v.at(1)))(f64([2, 3])).toArray(), [
    [0, 6],
    [6, 4],
  ]);
});

test("a forward that returns its input still gives a new vertex (the input is untouched)", () => {
  const identity = customOp({ name: "same", forward: (x) => x, backward: (g) => [g.mul(2)] });
  const x = tensor([1, 2], { dtype: "float64", requiresGrad: true });
  const y = identity(x);
  assert.notEqual(y, x);
  assert.equal(x.isLeaf, true);
  y.sum().backward();
  assert.deepEqual(x.grad!.toArray(), [2, 2]);
});

test("errors: a backward of the wrong shape names the op and both shapes; wrong count too", () => {
  const wrongShape = customOp({
    name: "badShape",
    forward: (x) => x.mul(2),
    backward: (outputGrad) => [outputGrad.transpose()],
  });
  const x = tensor([[1, 2, 3]], { dtype: "float64", requiresGrad: true });
  assert.throws(
    () => wrongShape(x).sum().backward(),
    (error: Error) =>
      error instanceof ShapeError &&
      /badShape backward: gradient of shape \[3, 1\] does not fit input of shape \[1, 3\]/.test(
        error.message,
      ),
  );
  const square = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: "float64", requiresGrad: true },
  );
  const transposing = customOp({
    name: "sneakyTranspose",
    forward: (m) => m.mul(1),
    backward: (outputGrad) => [outputGrad.reshape([4, 1])],
  });
  assert.throws(
    () => transposing(square).sum().backward(),
    /sneakyTranspose backward: gradient of shape \[4, 1\] does not fit input of shape \[2, 2\]/,
  );
  const wrongCount = customOp({ name: "badCount", forward: (a) => a, backward: (g) => [g, g] });
  assert.throws(
    () => grad((t: Tensor) => wrongCount(t).sum())(f64([1])),
    /customOp badCount: backward returned 2 gradients for 1 inputs/,
  );
});
