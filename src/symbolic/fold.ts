// Iterative, memoised bottom-up walk over an expression DAG: deep trees and shared subtrees are safe.
import type { Expr } from "./expr.js";

/** The direct subexpressions of `node`, left to right. */
export function children(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case "unary":
      return [node.arg];
    case "binary":
      return [node.left, node.right];
    default:
      return [];
  }
}

/**
 * Computes `combine(node, childResults)` for every node reachable from `root`, children first, each
 * distinct object exactly once (so a DAG with shared subtrees costs its number of objects, not its
 * tree size). Uses an explicit stack, never recursion.
 * @example const leaves = foldExpr(e, (node, kids) => (kids.length === 0 ? 1 : kids.reduce((a, b) => a + b, 0)));
 */
export function foldExpr<T>(root: Expr, combine: (node: Expr, childResults: readonly T[]) => T): T {
  const memo = new Map<Expr, T>();
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    if (memo.has(node)) {
      stack.pop();
      continue;
    }
    const kids = children(node);
    let ready = true;
    for (const kid of kids) {
      if (!memo.has(kid)) {
        stack.push(kid);
        ready = false;
      }
    }
    if (!ready) continue;
    stack.pop();
    memo.set(
      node,
      combine(
        node,
        kids.map((kid) => memo.get(kid) as T),
      ),
    );
  }
  return memo.get(root) as T;
}
