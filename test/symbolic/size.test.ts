// Tree and DAG sizes: shared objects, structurally equal copies, and exponential trees.
import { test } from "node:test";
import assert from "node:assert/strict";
import { binary, constant, variable } from "../../src/symbolic/build.js";
import { parseExpression } from "../../src/symbolic/parse.js";
import { dagSize, treeSize } from "../../src/symbolic/size.js";

test("x*x + 1 is a tree of 5 nodes and a DAG of 4 vertices", () => {
  const e = parseExpression("x*x + 1");
  assert.equal(treeSize(e), 5);
  assert.equal(dagSize(e), 4);
});

test("structurally equal copies are one DAG vertex (hash-consing), different constants are not", () => {
  const e = parseExpression("sin(x + 1) * sin(x + 1) + sin(x + 2)");
  assert.equal(treeSize(e), 14);
  // x, 1, x+1, sin(x+1), product, 2, x+2, sin(x+2), sum
  assert.equal(dagSize(e), 9);
});

test("repeated squaring: tree 2^(k+1) − 1, DAG k + 1", () => {
  let e = variable("x");
  for (let k = 1; k <= 50; k++) {
    e = binary("*", e, e);
    if (k % 10 === 0) {
      assert.equal(treeSize(e), 2 ** (k + 1) - 1);
      assert.equal(dagSize(e), k + 1);
    }
  }
  assert.equal(treeSize(constant(3)), 1);
});
