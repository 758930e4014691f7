// Shape ops: gradient table (first/second order, float32) and view/copy behaviour, with strided inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { shapeOps } from "../../src/ops/families.js";
import * as ops from "../../src/ops/index.js";
import { arange, tensor, zeros } from "../../src/tensor/creation.js";
import { ShapeError } from "../../src/tensor/errors.js";
import type { Tensor } from "../../src/tensor/tensor.js";
import { shapeArb, tensorArb, tensorOfShape } from "../support/arbitraries.js";
import { runGradCases, type Check, type GradCase } from "../support/grad-cases.js";

/** A random tensor and a shape-dependent argument drawn for it. */
function withArgument<A>(
  tensors: fc.Arbitrary<Tensor>,
  argument: (x: Tensor) => fc.Arbitrary<A>,
  f: (x: Tensor, a: A) => Tensor,
): GradCase {
  return {
    arb: tensors.chain((x) => argument(x).map((a): Check => ({ inputs: [x], f: (y) => f(y, a) }))),
  };
}

/** Several tensors whose shapes agree except along one axis (extents 1 … 3 there). */
const concatArb: fc.Arbitrary<Check> = shapeArb(1, 3)
  .chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.integer({ min: -shape.length, max: shape.length - 1 }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
    ),
  )
  .chain(([shape, axis, extents]) => {
    const at = axis < 0 ? axis + shape.length : axis;
    const parts = extents.map((e) => tensorOfShape(shape.map((s, a) => (a === at ? e : s))));
    return fc.tuple(...parts).map((inputs): Check => ({
      inputs,
      f: (...xs) => ops.concat(xs, axis),
    }));
  });

const stackArb: fc.Arbitrary<Check> = shapeArb(0, 2)
  .chain((shape) =>
    fc.tuple(
      fc.array(tensorOfShape(shape), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: -shape.length - 1, max: shape.length }),
    ),
  )
  .map(([inputs, axis]): Check => ({ inputs, f: (...xs) => ops.stack(xs, axis) }));

const permutation = (rank: number): fc.Arbitrary<number[]> =>
  fc.shuffledSubarray([...Array(rank).keys()], { minLength: rank, maxLength: rank });

const cases: Record<keyof typeof shapeOps, GradCase> = {
  contiguous: withArgument(tensorArb(), () => fc.constant(0), ops.contiguous),
  reshape: withArgument(
    tensorArb(),
    (x) => fc.tuple(permutation(x.rank), fc.boolean()),
    (x, [order, unknown]) =>
      x.reshape(order.map((a, i) => (unknown && i === 0 ? -1 : x.shape[a]!))),
  ),
  squeeze: withArgument(
    tensorArb({ maxDim: 2 }),
    (x) => fc.constantFrom(undefined, ...x.shape.flatMap((e, a) => (e === 1 ? [a - x.rank] : []))),
    ops.squeeze,
  ),
  unsqueeze: withArgument(
    tensorArb(),
    (x) => fc.integer({ min: -x.rank - 1, max: x.rank }),
    ops.unsqueeze,
  ),
  flatten: withArgument(
    tensorArb({ minRank: 1 }),
    (x) =>
      fc
        .tuple(fc.nat(x.rank - 1), fc.nat(x.rank - 1))
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b) - x.rank]),
    (x, [start, end]) => ops.flatten(x, start, end),
  ),
  expand: withArgument(
    tensorArb({ maxDim: 2 }),
    (x) =>
      fc
        .integer({ min: 1, max: 3 })
        .map((lead) => [lead, ...x.shape.map((e) => (e === 1 ? 3 : e))]),
    ops.expand,
  ),
  permute: withArgument(tensorArb(), (x) => permutation(x.rank), ops.permute),
  transpose: withArgument(
    tensorArb({ minRank: 2 }),
    (x) => fc.tuple(fc.integer({ min: -x.rank, max: x.rank - 1 }), fc.nat(x.rank - 1)),
    (x, [a, b]) => ops.transpose(x, a, b),
  ),
  concat: { arb: concatArb },
  stack: { arb: stackArb },
};

runGradCases(cases);

test("squeeze, unsqueeze, flatten and reshape of strided views share storage", () => {
  const x = arange(24).reshape([2, 3, 4]).permute([2, 0, 1]);
  assert.equal(x.unsqueeze(1).data, x.data);
  assert.deepEqual(x.unsqueeze(-1).shape, [4, 2, 3, 1]);
  assert.equal(x.unsqueeze(0).squeeze().data, x.data);
  assert.equal(x.flatten(1).data, x.data);
  assert.deepEqual(x.flatten(1).toArray(), x.reshape([4, 6]).toArray());
  assert.notEqual(x.flatten().data, x.data);
  assert.deepEqual(Array.from(x.flatten().dataSync().slice(0, 3)), [0, 4, 8]);
  assert.deepEqual(zeros([1, 3, 1]).squeeze().shape, [3]);
  assert.deepEqual(zeros([1, 3, 1]).squeeze(-1).shape, [1, 3]);
  assert.throws(() => zeros([2, 3]).squeeze(0), /squeeze: axis 0 of \[2, 3\] has size 2, not 1/);
});

test("concat and stack against literal values; errors name the shapes", () => {
  const a = tensor([
    [1, 2],
    [3, 4],
  ]);
  const b = tensor([[5], [6]]);
  assert.deepEqual(ops.concat([a, b], 1).toArray(), [
    [1, 2, 5],
    [3, 4, 6],
  ]);
  assert.deepEqual(ops.concat([a, a.transpose()], 0).toArray(), [
    [1, 2],
    [3, 4],
    [1, 3],
    [2, 4],
  ]);
  assert.deepEqual(ops.stack([tensor([1, 2]), tensor([3, 4])], -1).toArray(), [
    [1, 3],
    [2, 4],
  ]);
  assert.equal(ops.concat([a, tensor([[1, 1]], { dtype: "float64" })]).dtype, "float64");
  assert.throws(
    () => ops.concat([a, b], 0),
    /concat: shapes \[2, 2\] and \[2, 1\] differ off axis 0/,
  );
  assert.throws(() => ops.stack([a, b]), /stack: shapes \[2, 2\] and \[2, 1\] differ/);
  assert.throws(() => ops.concat([]), ShapeError);
  assert.throws(() => a.unsqueeze(3), /unsqueeze: axis 3 is out of range for a tensor of rank 3/);
});
