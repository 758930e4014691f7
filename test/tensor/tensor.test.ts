// Tensor basics: creation, views, printing, backward accumulation, errors that name shapes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { arange, eye, ShapeError, tensor, zeros } from "../../src/index.js";

test("nested arrays give shape, dtype and values back", () => {
  const x = tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype: "float64" },
  );
  assert.deepEqual(x.shape, [2, 3]);
  assert.equal(x.dtype, "float64");
  assert.deepEqual(x.toArray(), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.equal(tensor(3).item(), 3);
  assert.deepEqual(tensor(3).shape, []);
  assert.throws(() => tensor([[1, 2], [3]]), /ragged/);
});

test("transpose is a view; reshape copies only when it must", () => {
  const x = arange(6).reshape([2, 3]);
  const t = x.transpose();
  assert.equal(t.data, x.data);
  assert.deepEqual(t.toArray(), [
    [0, 3],
    [1, 4],
    [2, 5],
  ]);
  assert.deepEqual(t.reshape([-1]).toArray(), [0, 3, 1, 4, 2, 5]);
  assert.throws(() => x.reshape([4, -1]), ShapeError);
});

test("backward accumulates into leaves across calls and paths", () => {
  const x = tensor([1, 2, 3], { requiresGrad: true, dtype: "float64" });
  x.mul(x).sum().backward();
  assert.deepEqual(x.grad!.toArray(), [2, 4, 6]);
  x.mul(3).sum().backward();
  assert.deepEqual(x.grad!.toArray(), [5, 7, 9]);
});

test("broadcast gradients are summed back to each input's shape", () => {
  const bias = tensor([10, 20], { requiresGrad: true });
  const rows = zeros([3, 2]);
  rows.add(bias).sum().backward();
  assert.deepEqual(bias.grad!.toArray(), [3, 3]);
});

test("errors name the op and both shapes", () => {
  assert.throws(
    () => zeros([2, 3]).add(zeros([4])),
    /add: shapes \[2, 3\] and \[4\] cannot be broadcast/,
  );
  assert.throws(
    () => zeros([2, 3]).matmul(zeros([2, 3])),
    /matmul: inner dimensions differ: \[2, 3\] @ \[2, 3\]/,
  );
  const y = tensor([1, 2], { requiresGrad: true }).mul(2);
  assert.throws(() => y.backward(), /backward: output has shape \[2\]/);
});

test("toString prints like PyTorch", () => {
  assert.equal(eye(2).toString(), "tensor([[1., 0.],\n        [0., 1.]])");
  assert.equal(tensor([1.5], { dtype: "float64" }).toString(), "tensor([1.5000], dtype=float64)");
});
