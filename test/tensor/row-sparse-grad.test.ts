// RowSparseGrad.coalesce: each row once, in increasing order, repeats summed in order of appearance —
// checked bit for bit against a plain reference on seeded random gradients with many repeats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, RowSparseGrad, Tensor } from "../../src/index.js";

/** The reference: rows sorted, each row's entries added to zero one after another in order of appearance. */
function referenceCoalesce(indices: Int32Array, values: Float64Array, width: number) {
  const rows = [...new Set(indices)].sort((a, b) => a - b);
  const summed = new Float64Array(rows.length * width);
  indices.forEach((row, k) => {
    const at = rows.indexOf(row) * width;
    for (let j = 0; j < width; j++) summed[at + j] = summed[at + j]! + values[k * width + j]!;
  });
  return { rows, summed };
}

test("coalesce matches the reference on random gradients (repeats, any order, both float dtypes)", () => {
  const generator = new Generator(11);
  for (let trial = 0; trial < 40; trial++) {
    const tableRows = 1 + generator.integer(trial < 20 ? 12 : 5000);
    const count = generator.integer(300);
    const width = 1 + generator.integer(5);
    const indices = Int32Array.from({ length: count }, () => generator.integer(tableRows));
    const values = Float64Array.from({ length: count * width }, () => generator.normal());
    const dtype = trial % 2 === 0 ? "float64" : "float32";
    const typed = dtype === "float64" ? values : Float32Array.from(values);
    const grad = new RowSparseGrad(indices, new Tensor(typed, [count, width]), [tableRows, width]);
    const coalesced = grad.coalesce();
    const expected = referenceCoalesce(indices, Float64Array.from(typed), width);
    assert.deepEqual(Array.from(coalesced.indices), expected.rows, `trial ${trial}`);
    const got = Array.from(coalesced.values.dataSync());
    const want = dtype === "float64" ? expected.summed : Float32Array.from(expected.summed);
    // float32 sums round at each addition; the reference rounds only at the end
    if (dtype === "float64") assert.deepEqual(got, Array.from(want), `trial ${trial}`);
    else got.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) < 1e-5, `trial ${trial}`));
    assert.deepEqual(coalesced.values.shape, [expected.rows.length, width]);
    assert.equal(coalesced.coalesce(), coalesced);
    assert.equal(grad.coalesce(), coalesced);
    // the dense gradient is the same either way
    assert.deepEqual(
      Array.from(coalesced.toDense().dataSync()),
      Array.from(grad.toDense().dataSync()),
    );
  }
});

test("coalesce of an empty gradient and of a gradient of one row repeated", () => {
  const empty = new RowSparseGrad(
    new Int32Array(0),
    new Tensor(new Float32Array(0), [0, 3]),
    [4, 3],
  );
  assert.equal(empty.coalesce().indices.length, 0);
  const repeated = new RowSparseGrad(
    Int32Array.from([2, 2, 2]),
    new Tensor(Float64Array.from([1, 2, 3]), [3, 1]),
    [100_000, 1],
  );
  const coalesced = repeated.coalesce();
  assert.deepEqual(Array.from(coalesced.indices), [2]);
  assert.deepEqual(Array.from(coalesced.values.dataSync()), [6]);
});
