// pad: PyTorch's F.pad order (last axis first) and its four modes, by hand; negative constant pads
// crop; the gradient of a reflected or repeated position adds up at its source; errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pad, tensor } from "../../../src/node.js";

const row = () => tensor([[1, 2, 3]]);

test("each mode pads the last axis by hand", () => {
  assert.deepEqual(pad(row(), [2, 1]).toArray(), [[0, 0, 1, 2, 3, 0]]);
  assert.deepEqual(pad(row(), [2, 1], { value: 9 }).toArray(), [[9, 9, 1, 2, 3, 9]]);
  assert.deepEqual(pad(row(), [2, 1], { mode: "reflect" }).toArray(), [[3, 2, 1, 2, 3, 2]]);
  assert.deepEqual(pad(row(), [2, 1], { mode: "replicate" }).toArray(), [[1, 1, 1, 2, 3, 3]]);
  assert.deepEqual(pad(row(), [2, 1], { mode: "circular" }).toArray(), [[2, 3, 1, 2, 3, 1]]);
});

test("pads list the last axis first; negative constant pads crop", () => {
  const x = tensor([
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(pad(x, [0, 1, 1, 0]).toArray(), [
    [0, 0, 0],
    [1, 2, 0],
    [3, 4, 0],
  ]);
  assert.deepEqual(pad(x, [-1, 0, 0, -1]).toArray(), [[2]]);
  assert.deepEqual(pad(x, [1, 1, 1, 1], { mode: "replicate" }).toArray(), [
    [1, 1, 2, 2],
    [1, 1, 2, 2],
    [3, 3, 4, 4],
    [3, 3, 4, 4],
  ]);
});

test("the gradient of a padded copy adds up at the source position", () => {
  const x = row().requiresGrad_();
  pad(x, [2, 1], { mode: "reflect" }).sum().backward();
  assert.deepEqual(x.grad!.toArray(), [[1, 3, 2]]);
});

test("pad errors name the mode, the pads and the axis size", () => {
  assert.throws(
    () => pad(row(), [3, 0], { mode: "reflect" }),
    /^RangeError: pad: reflect pads \[3, 0\] of axis 1 \(size 3\) must lie in \[0, 2\]/,
  );
  assert.throws(
    () => pad(row(), [-1, 0], { mode: "replicate" }),
    /^RangeError: pad: replicate pads \[-1, 0\]/,
  );
  assert.throws(
    () => pad(row(), [1]),
    /^ShapeError: pad: pads must be an even number of integers, at most 2 per axis of \[1, 3\], got \[1\]/,
  );
  assert.throws(
    () => pad(row(), [1, 1, 1, 1, 1, 1]),
    /^ShapeError: pad: pads must be an even number/,
  );
});
