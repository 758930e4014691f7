// Shape ops: gradient table (first/second order, float32) and view/copy behaviour, with strided inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { opFamilies } from "../../src/ops/families.js";
import * as ops from "../../src/ops/index.js";
import { arange, tensor, zeros } from "../../src/tensor/creation.js";
import { ShapeError } from "../../src/tensor/errors.js";
import { runFamily } from "../support/grad-cases.js";

runFamily(opFamilies.shapes);

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
