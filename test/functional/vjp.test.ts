// vjp and jvp: literal products, agreement with each other and with jacobian, nesting, errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  grad,
  jacobian,
  jvp,
  logsumexp,
  randn,
  zeros,
  Generator,
  tensor,
  vjp,
  type Tensor,
} from "../../src/index.js";

const f64 = (value: number | number[] | number[][]): Tensor => tensor(value, { dtype: "float64" });

test("vjp of x ↦ x² gives uᵀJ = 2x·u and can be called repeatedly", () => {
  const [y, pullback] = vjp((x) => x.mul(x), f64([1, 2, 3]));
  assert.deepEqual(y.toArray(), [1, 4, 9]);
  assert.deepEqual(pullback(f64([1, 1, 1]))[0]!.toArray(), [2, 4, 6]);
  assert.deepEqual(pullback(f64([0, 1, -2]))[0]!.toArray(), [0, 4, -12]);
  assert.equal(y.requiresGrad, false);
});

test("vjp with two primals returns one gradient per primal", () => {
  const a = f64([
    [1, 2],
    [3, 4],
  ]);
  const b = f64([5, 6]);
  const [y, pullback] = vjp((m, v) => m.matmul(v), a, b);
  assert.deepEqual(y.toArray(), [17, 39]);
  const [da, db] = pullback(f64([1, -1]));
  assert.deepEqual(da!.toArray(), [
    [5, 6],
    [-5, -6],
  ]);
  assert.deepEqual(db!.toArray(), [-2, -2]);
  assert.throws(
    () => pullback(f64([1, 2, 3])),
    /vjp: the cotangent has shape \[3\], expected \[2\]/,
  );
});

test("jvp of (x, y) ↦ x·sin y gives ẋ sin y + x cos y ẏ", () => {
  const [value, tangent] = jvp((x, y) => x.mul(y.sin()), [f64(2), f64(0.5)], [f64(1), f64(3)]);
  assert.equal(value.item(), 2 * Math.sin(0.5));
  assert.ok(Math.abs(tangent.item() - (Math.sin(0.5) + 2 * Math.cos(0.5) * 3)) < 1e-14);
});

test("jvp agrees with jacobian·v and vjp with uᵀ·jacobian on random inputs", () => {
  const f = (x: Tensor): Tensor => x.mul(x.sum()).exp().add(x.matmul(x).log());
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
      const generator = new Generator(seed);
      const x = randn([n], { dtype: "float64", generator }).mul(0.3);
      const v = randn([n], { dtype: "float64", generator });
      const jac = jacobian(f)(x);
      const expected = jac.matmul(v).dataSync();
      const actual = jvp(f, [x], [v])[1].dataSync();
      const transposed = v.matmul(jac).dataSync();
      const pulled = vjp(f, x)[1](v)[0]!.dataSync();
      for (let i = 0; i < n; i++) {
        assert.ok(Math.abs(actual[i]! - expected[i]!) < 1e-10 * (1 + Math.abs(expected[i]!)));
        assert.ok(Math.abs(pulled[i]! - transposed[i]!) < 1e-10 * (1 + Math.abs(transposed[i]!)));
      }
    }),
    { numRuns: 25, seed: 7 },
  );
});

test("jvp nests inside grad: d/dx [d/dt (x·t)³ at t = x along 1] = d/dx 3x⁵ = 15x⁴", () => {
  const inner = (x: Tensor): Tensor => jvp((t) => x.mul(t).pow(3), [x], [f64(1)])[1];
  assert.equal(grad(inner)(f64(2)).item(), 15 * 16);
});

test("jvp of a function constant in x gives zero; errors name the mismatch", () => {
  const [, tangent] = jvp(() => f64([1, 2]), [f64(3)], [f64(1)]);
  assert.deepEqual(tangent.toArray(), [0, 0]);
  assert.throws(
    () => jvp((x) => x, [f64([1, 2])], [f64(1)]),
    /jvp: tangent 0 has shape \[\], expected \[2\]/,
  );
  assert.throws(() => jvp((x) => x, [f64(1)], []), /jvp: 1 primals but 0 tangents/);
});

test("jvp with empty primals: their tangents are empty and move nothing (no 0·∞ from the double vjp)", () => {
  // f(e, y) = exp(logsumexp(e)) · s + sin(y): logsumexp(∅) = −∞, so f = sin(y) and J·v = cos(y)·v;
  // the double-vjp path through e multiplies Σ∅ = 0 by 1/Σexp(∅) = ∞.
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 2 }),
      (values, emptyShapeTail) => {
        const y = f64(values);
        const v = f64(values.map((value) => value / 2 + 1));
        const empty = zeros([0, ...emptyShapeTail], { dtype: "float64" });
        const f = (e: Tensor, z: Tensor) => logsumexp(e).exp().add(z.sin());
        const [, tangent] = jvp(f, [empty, y], [empty, v]);
        values.forEach((value, i) => {
          const expected = Math.cos(value) * (value / 2 + 1);
          assert.ok(
            Math.abs(tangent.dataSync()[i]! - expected) < 1e-12,
            `${tangent.dataSync()[i]}`,
          );
        });
        const [, alone] = jvp((e) => logsumexp(e), [empty], [empty]);
        assert.equal(alone.item(), 0);
      },
    ),
    { numRuns: 50, seed: 7 },
  );
});
