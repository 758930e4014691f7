// jacobian, hessian, hvp: literal matrices, shapes, nesting (third derivatives), agreement with gradcheck.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  grad,
  gradcheck,
  hessian,
  hvp,
  jacobian,
  randn,
  Generator,
  tensor,
  type Tensor,
} from "../../src/index.js";

const f64 = (value: number | number[] | number[][]): Tensor => tensor(value, { dtype: "float64" });

test("jacobian of x ↦ x² is diag(2x); of A·x it is A", () => {
  assert.deepEqual(jacobian((x: Tensor) => x.mul(x))(f64([1, 2])).toArray(), [
    [2, 0],
    [0, 4],
  ]);
  const a = f64([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.deepEqual(jacobian((x: Tensor) => a.matmul(x))(f64([7, 8, 9])).toArray(), a.toArray());
  assert.deepEqual(
    jacobian((m: Tensor, x: Tensor) => m.matmul(x), 1)(a, f64([1, 1, 1])).shape,
    [2, 3],
  );
});

test("jacobian shape is [...output.shape, ...input.shape]", () => {
  const x = randn([2, 3], { dtype: "float64", generator: new Generator(1) });
  const jac = jacobian((t: Tensor) => t.transpose().exp())(x);
  assert.deepEqual(jac.shape, [3, 2, 2, 3]);
  const values = jac.dataSync();
  const source = x.dataSync();
  // ∂ exp(xᵀ)[j, i] / ∂x[i, j] = exp(x[i, j]); every other entry is 0
  let nonZero = 0;
  values.forEach((value) => (nonZero += value === 0 ? 0 : 1));
  assert.equal(nonZero, 6);
  assert.equal(values[((1 * 2 + 0) * 2 + 0) * 3 + 1], Math.exp(source[1]!));
});

test("hessian of Σ x³ is diag(6x); of xᵀAx it is A + Aᵀ; shape [...x.shape, ...x.shape]", () => {
  assert.deepEqual(hessian((x: Tensor) => x.pow(3).sum())(f64([1, 2])).toArray(), [
    [6, 0],
    [0, 12],
  ]);
  const a = f64([
    [1, 2],
    [0, 3],
  ]);
  const quadratic = (x: Tensor): Tensor => x.matmul(a).matmul(x);
  assert.deepEqual(hessian(quadratic)(f64([5, -1])).toArray(), [
    [2, 2],
    [2, 6],
  ]);
  assert.deepEqual(hessian((x: Tensor) => x.mul(x).sum())(f64([[1, 2]])).shape, [1, 2, 1, 2]);
});

test("hessian of log(x) + xy − sin(y) over (x, y) packed in one vector", () => {
  const f = (p: Tensor): Tensor => {
    const [x, y] = [p.at(0), p.at(1)];
    return x.log().add(x.mul(y)).sub(y.sin());
  };
  const h = hessian(f)(f64([2, 5])).dataSync();
  assert.deepEqual([h[0], h[1], h[2]], [-0.25, 1, 1]);
  assert.ok(Math.abs(h[3]! - Math.sin(5)) < 1e-15);
});

test("hvp equals hessian·v without building the Hessian", () => {
  const f = (x: Tensor): Tensor => x.mul(x).sum().mul(x.exp().sum()).log();
  const x = randn([4], { dtype: "float64", generator: new Generator(2) });
  const v = randn([4], { dtype: "float64", generator: new Generator(3) });
  const expected = hessian(f)(x).matmul(v).dataSync();
  const actual = hvp(f, x, v).dataSync();
  expected.forEach((value, i) => assert.ok(Math.abs(actual[i]! - value) < 1e-12));
});

test("jacobian of a gradient nests: d/dx of the Hessian of x⁴/12 is 2x", () => {
  const third = grad((x: Tensor) => hessian((t: Tensor) => t.pow(4).div(12).sum())(x).sum());
  assert.deepEqual(third(f64([1, 3])).toArray(), [2, 6]);
});

test("gradcheck of hessian (a third-order check) on a smooth function", () => {
  const f = (x: Tensor): Tensor => x.tanh().mul(x.sigmoid()).sum();
  const x = randn([3], { dtype: "float64", generator: new Generator(4) });
  const result = gradcheck((t) => hessian(f)(t), [x]);
  assert.ok(result.ok, JSON.stringify(result));
});
