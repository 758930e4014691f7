// Expression sizes: as a tree (every repeated subtree counted again) and as a DAG (distinct subexpressions).
import type { Expr } from "./expr.js";
import { foldExpr } from "./fold.js";

/**
 * Number of nodes of `expr` written out as a tree: a subexpression used twice counts twice.
 * Computed on the DAG with memoisation, so a tree of 2⁴⁰ nodes is counted instantly (exact below 2⁵³).
 * @example treeSize(parseExpression("x*x + 1")) // 5
 */
export function treeSize(expr: Expr): number {
  return foldExpr<number>(expr, (_node, sizes) => sizes.reduce((total, size) => total + size, 1));
}

/**
 * Number of structurally distinct subexpressions of `expr` (hash-consing: equal subtrees are one
 * vertex, whether or not they are the same object). This is the vertex count of the computational
 * graph that evaluates `expr` once per subexpression, i.e. what backprop sweeps.
 * @example dagSize(parseExpression("x*x + 1")) // 4: x, x*x, 1, x*x + 1
 */
export function dagSize(expr: Expr): number {
  const ids = new Map<string, number>();
  foldExpr<number>(expr, (node, [a, b]) => {
    const key =
      node.kind === "const"
        ? `c${node.value}`
        : node.kind === "var"
          ? `v${node.name}`
          : node.kind === "unary"
            ? `u${node.op} ${a}`
            : `b${node.op} ${a} ${b}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  });
  return ids.size;
}
