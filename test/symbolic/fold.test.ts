// foldExpr: children first, each shared object once, and no recursion on a 10⁶-deep chain.
import { test } from "node:test";
import assert from "node:assert/strict";
import { binary, constant, unary, variable } from "../../src/symbolic/build.js";
import type { Expr } from "../../src/symbolic/expr.js";
import { children, foldExpr } from "../../src/symbolic/fold.js";

test("children are listed left to right", () => {
  const x = variable("x");
  const c = constant(1);
  assert.deepEqual(children(binary("-", x, c)), [x, c]);
  assert.deepEqual(children(unary("exp", x)), [x]);
  assert.deepEqual(children(x), []);
});

test("a shared subtree is combined once and children come first", () => {
  const x = variable("x");
  const shared = unary("sin", x);
  const visited: string[] = [];
  foldExpr<null>(binary("*", shared, shared), (node) => {
    visited.push(node.kind === "unary" ? node.op : node.kind);
    return null;
  });
  assert.deepEqual(visited, ["var", "sin", "binary"]);
});

test("a chain 10⁶ deep folds without overflowing the stack", () => {
  let e: Expr = variable("x");
  for (let i = 0; i < 1_000_000; i++) e = unary("neg", e);
  assert.equal(
    foldExpr<number>(e, (_node, depths) => 1 + Math.max(0, ...depths)),
    1_000_001,
  );
});
