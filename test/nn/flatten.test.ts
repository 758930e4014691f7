// nn.Flatten and nn.Unflatten as PyTorch's: axes startDim … endDim (default 1 … −1) merged, one axis
// split into sizes; the values kept in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { nn, randn, zeros, Generator } from "../../src/index.js";
import { shapeArb } from "../support/arbitraries.js";

test("Flatten(start, end) merges those axes; the default keeps the batch axis", () => {
  fc.assert(
    fc.property(
      shapeArb(1, 4, 4).chain((shape) =>
        fc.tuple(
          fc.constant(shape),
          fc.integer({ min: -shape.length, max: shape.length - 1 }),
          fc.integer({ min: -shape.length, max: shape.length - 1 }),
        ),
      ),
      ([shape, a, b]) => {
        const x = randn(shape, { generator: new Generator(1) });
        const [start, end] = [(a + shape.length) % shape.length, (b + shape.length) % shape.length];
        if (start > end) {
          assert.throws(() => new nn.Flatten(a, b).forward(x), /flatten: startAxis/);
          return;
        }
        const merged = shape.slice(start, end + 1).reduce((p, e) => p * e, 1);
        const y = new nn.Flatten(a, b).forward(x);
        assert.deepEqual(y.shape, [...shape.slice(0, start), merged, ...shape.slice(end + 1)]);
        assert.deepEqual([...y.dataSync()], [...x.dataSync()]);
      },
    ),
    { seed: 3, numRuns: 200 },
  );
  assert.deepEqual(new nn.Flatten().forward(zeros([2, 3, 4, 5])).shape, [2, 60]);
  const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(12, 2));
  assert.deepEqual(model.forward(zeros([5, 3, 4])).shape, [5, 2]);
  assert.deepEqual(Object.keys(model.stateDict()).length, 2);
  assert.throws(() => new nn.Flatten(0.5), /Flatten: startDim must be an integer/);
});

test("Unflatten(dim, sizes) splits one axis and undoes Flatten; a size mismatch is one line", () => {
  const x = randn([3, 784], { generator: new Generator(2) });
  const images = new nn.Unflatten(1, [1, 28, 28]).forward(x);
  assert.deepEqual(images.shape, [3, 1, 28, 28]);
  assert.deepEqual([...new nn.Flatten().forward(images).dataSync()], [...x.dataSync()]);
  assert.deepEqual(new nn.Unflatten(-1, [2, 392]).forward(x).shape, [3, 2, 392]);
  assert.throws(
    () => new nn.Unflatten(1, [1, 28, 27]).forward(x),
    /^ShapeError: Unflatten: axis 1 of \[3, 784\] has 784 elements, sizes \[1, 28, 27\] hold 756$/,
  );
  assert.throws(() => new nn.Unflatten(1, []), /Unflatten: sizes must be positive integers/);
  assert.throws(() => new nn.Unflatten(1.5, [2]), /Unflatten: dim must be an integer/);
});
