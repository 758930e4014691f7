// grad and valueAndGrad: literal derivatives, argnums, nesting to any order, errors, no .grad side effects.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Tensor } from "../../src/index.js";
import { grad, gradcheck, randn, Generator, tensor, valueAndGrad } from "../../src/index.js";

const f64 = (value: number | number[]): Tensor => tensor(value, { dtype: "float64" });
const close = (actual: number, expected: number, tolerance = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} vs ${expected}`);

test("d/dx x³ = 3x², d²/dx² = 6x, d³/dx³ = 6 at x = 2", () => {
  const cube = (x: Tensor): Tensor => x.pow(3);
  const x = f64(2);
  assert.equal(grad(cube)(x).item(), 12);
  assert.equal(grad(grad(cube))(x).item(), 12);
  assert.equal(grad(grad(grad(cube)))(x).item(), 6);
  assert.equal(grad(grad(grad(grad(cube))))(x).item(), 0);
});

test("grad(grad(exp)) and grad(grad(log)) are exact at literal points", () => {
  const x = f64(0.5);
  close(grad(grad((t: Tensor) => t.exp()))(x).item(), Math.exp(0.5));
  close(grad(grad((t: Tensor) => t.log()))(x).item(), -4);
  close(grad(grad(grad((t: Tensor) => t.log())))(x).item(), 16);
});

test("argnums: a number gives one gradient, an array gives an array, negatives count from the end", () => {
  const f = (x: Tensor, y: Tensor): Tensor => x.mul(y).add(x.log()).sum();
  const x = f64([1, 2]);
  const y = f64([3, 4]);
  assert.deepEqual(grad(f)(x, y).toArray(), [4, 4.5]);
  assert.deepEqual(grad(f, 1)(x, y).toArray(), [1, 2]);
  const [dx, dy] = grad(f, [0, -1])(x, y);
  assert.deepEqual(dx!.toArray(), [4, 4.5]);
  assert.deepEqual(dy!.toArray(), [1, 2]);
  assert.throws(() => grad(f, 2)(x, y), /grad: argnum 2 is out of range for 2 arguments/);
});

test("valueAndGrad returns the value and the gradient", () => {
  const [value, gradient] = valueAndGrad((w: Tensor) => w.mul(w).sum())(f64([1, 2, 3]));
  assert.equal(value.item(), 14);
  assert.deepEqual(gradient.toArray(), [2, 4, 6]);
  assert.equal(value.requiresGrad, false);
  assert.equal(gradient.requiresGrad, false);
  const [both, [da, db]] = valueAndGrad((a: Tensor, b: Tensor) => a.div(b), [0, 1])(f64(3), f64(2));
  assert.equal(both.item(), 1.5);
  assert.equal(da!.item(), 0.5);
  assert.equal(db!.item(), -0.75);
});

test("mixed partials: ∂²(x²y³)/∂x∂y = 6xy² through nested grads over a closure", () => {
  const f = (x: Tensor, y: Tensor): Tensor => x.pow(2).mul(y.pow(3));
  const dfdx = (x: Tensor, y: Tensor): Tensor => grad(f, 0)(x, y);
  assert.equal(grad(dfdx, 1)(f64(2), f64(3)).item(), 6 * 2 * 9);
  // no perturbation confusion: d/dx [x · d/dy (x·y)] at y = x is 2x, not 3x or 4x
  const outer = (x: Tensor): Tensor => x.mul(grad((y: Tensor) => x.mul(y))(x));
  assert.equal(grad(outer)(f64(5)).item(), 10);
});

test("a function independent of its argument has zero gradient of the argument's shape", () => {
  const g = grad((x: Tensor, y: Tensor) => y.mul(2).sum())(f64([1, 2]), f64(3));
  assert.deepEqual(g.toArray(), [0, 0]);
});

test("transforms leave .grad alone and keep user parameters differentiable (gradient penalty)", () => {
  const w = tensor([1, 2], { dtype: "float64", requiresGrad: true });
  const penalty = grad((x: Tensor) => x.mul(w).mul(x).sum())(f64([3, 4])); // 2·w·x
  assert.equal(w.grad, null);
  assert.deepEqual(penalty.toArray(), [6, 16]);
  penalty.sum().backward();
  assert.deepEqual(w.grad!.toArray(), [6, 8]);
});

test("errors: non-scalar output, non-tensor argument, int32 argument", () => {
  assert.throws(
    () => grad((x: Tensor) => x.mul(2))(f64([1, 2])),
    /grad: f must return a one-element tensor \(a scalar\), got shape \[2\]/,
  );
  assert.throws(
    () => grad((x: unknown) => f64(1).mul(Number(x)))(3),
    /argument 0 must be a Tensor/,
  );
  assert.throws(
    () => grad((x: Tensor) => x.sum())(tensor([1, 2], { dtype: "int32" })),
    /argument 0 has dtype int32/,
  );
});

test("second-order gradcheck of grad(f) for a composite of every available op", () => {
  const f = (x: Tensor): Tensor =>
    x.mul(x).exp().add(x.pow(3)).div(x.mul(x).add(1)).log().matmul(x);
  const x = randn([4], { dtype: "float64", generator: new Generator(3) });
  const result = gradcheck((t) => grad(f)(t), [x]);
  assert.ok(result.ok, JSON.stringify(result));
  assert.ok(result.maxAbsError < 1e-6);
});
