// variance and std at their edges, against PyTorch's rules: zero variance (std′ = 0), n ≤ correction
// (var′ = ±∞, NaN where x = mean), and generated data that is constant along the reduced axes.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as ops from "../../src/ops/index.js";
import { tensor } from "../../src/tensor/creation.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { gradcheck } from "../../src/functional/gradcheck.js";
import { grad } from "../../src/functional/grad.js";
import { shapeArb, valuesArb } from "../support/arbitraries.js";
import { close, torchEdges } from "../support/torch-fixture.js";

const SEED = 13;

/** A float64 tensor of `shape` whose values depend only on the axes not in `axes` (constant along them). */
function constantAlong(shape: number[], axes: number[], values: number[]): Tensor {
  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  const kept = shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent));
  const keptStrides = kept.map((_, axis) => kept.slice(axis + 1).reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) {
    let rest = i;
    let source = 0;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const coordinate = rest % shape[axis]!;
      rest = Math.floor(rest / shape[axis]!);
      if (!axes.includes(axis)) source += coordinate * keptStrides[axis]!;
    }
    data[i] = values[source]!;
  }
  return new Tensor(data, shape);
}

/** A shape of rank 1–3, a non-empty set of its axes, and values for the kept positions. */
const constantCase = shapeArb(1, 3, 4).chain((shape) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: shape.length - 1 }), {
        minLength: 1,
        maxLength: shape.length,
      }),
      valuesArb(
        shape.reduce((a, b) => a * b, 1),
        { min: -1e3, max: 1e3 },
      ),
      fc.boolean(),
    )
    .map(([axes, values, keepDims]) => ({ shape, axes, values, keepDims })),
);

test("std of data constant along the reduced axes: value 0, gradient 0 (PyTorch), second order finite", () => {
  fc.assert(
    fc.property(constantCase, fc.constantFrom(0, 1), ({ shape, axes, values, keepDims }, c) => {
      const x = constantAlong(shape, axes, values);
      const n = axes.reduce((count, axis) => count * shape[axis]!, 1);
      fc.pre(n > c);
      const std = (y: Tensor) => ops.std(y, axes, keepDims, c).sum();
      const gradient = grad(std)(x) as Tensor;
      assert.ok([...gradient.data].every((value) => Object.is(value, 0) || value === 0));
      assert.equal(ops.std(x, axes, keepDims, c).max().item(), 0);
      const hessianRow = grad((y: Tensor) => (grad(std)(y) as Tensor).sum())(x) as Tensor;
      assert.ok([...hessianRow.data].every(Number.isFinite));
    }),
    { seed: SEED, numRuns: 100 },
  );
});

test("var with n ≤ correction: value ∞ (NaN when constant), gradient ±∞ by the sign of x − mean", () => {
  const distinct = fc
    .integer({ min: 1, max: 4 })
    .chain((n) =>
      fc.tuple(
        valuesArb(n, { min: -10, max: 10, distinct: true }),
        fc.integer({ min: n, max: n + 2 }),
      ),
    );
  fc.assert(
    fc.property(distinct, ([values, correction]) => {
      const x = tensor(values, { dtype: "float64" });
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const gradient = grad((y: Tensor) => ops.variance(y, 0, false, correction))(x) as Tensor;
      values.forEach((value, i) => {
        const expected = value === mean ? Number.NaN : Math.sign(value - mean) * Infinity;
        assert.ok(Object.is(gradient.data[i], expected), `${gradient.data[i]} vs ${expected}`);
      });
      const value = ops.variance(x, 0, false, correction).item();
      assert.ok(values.length === 1 ? Number.isNaN(value) : value === Infinity);
    }),
    { seed: SEED, numRuns: 100 },
  );
});

test("var and std keep their gradients against central differences, first and second order", () => {
  const spread = shapeArb(1, 3, 4, 2).chain((shape) =>
    valuesArb(
      shape.reduce((a, b) => a * b, 1),
      { distinct: true },
    ).map((values) => new Tensor(Float64Array.from(values), shape)),
  );
  fc.assert(
    fc.property(spread, fc.constantFrom(0, 1), (x, c) => {
      for (const f of [
        (y: Tensor) => ops.variance(y, -1, false, c),
        (y: Tensor) => ops.std(y, 0, true, c),
      ]) {
        const first = gradcheck(f, [x]);
        assert.ok(first.ok, JSON.stringify(first.worst));
        const second = gradcheck((y: Tensor) => grad((z: Tensor) => f(z).sum())(y) as Tensor, [x]);
        assert.ok(second.ok, JSON.stringify(second.worst));
      }
    }),
    { seed: SEED, numRuns: 30 },
  );
});

test("a negative or non-finite correction is a RangeError naming variance", () => {
  assert.throws(() => ops.variance(tensor([1, 2]), 0, false, -1), /variance: correction must be/);
  assert.throws(
    () => ops.std(tensor([1, 2]), 0, false, Number.NaN),
    /variance: correction must be/,
  );
});

test("var and std values and gradients agree with PyTorch at zero variance and n ≤ correction", () => {
  interface Case {
    op: "std" | "var";
    values: number[];
    correction: number;
    value: number;
    grad: number[];
  }
  const cases = torchEdges<Case[]>("variance");
  assert.equal(cases.length, 8);
  for (const { op, values, correction, value, grad: expected } of cases) {
    const f = (y: Tensor) => (op === "std" ? ops.std : ops.variance)(y, 0, false, correction);
    const x = tensor(values, { dtype: "float64" });
    assert.ok(close(f(x).item(), value), `${op} ${values} ${correction}`);
    const gradient = grad(f)(x) as Tensor;
    gradient
      .dataSync()
      .forEach((g, i) => assert.ok(close(g, expected[i]!), `${op} ${values}: ${g}`));
  }
});
