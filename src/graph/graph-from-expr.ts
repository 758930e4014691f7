// The computational graph of an expression: one vertex per distinct subexpression object.
import type { BinaryOperator, Expr } from "../symbolic/expr.js";
import { computationalGraph, type ComputationalGraph } from "./computational-graph.js";
import { constant, leaf, vertex, type GraphVertex } from "./graph-vertex.js";
import { vertexKinds } from "./kinds.js";
import type { VertexKind } from "./vertex-kind.js";

const BINARY_KINDS: Record<BinaryOperator, VertexKind> = {
  "+": vertexKinds.add,
  "-": vertexKinds.sub,
  "*": vertexKinds.mul,
  "/": vertexKinds.div,
  "^": vertexKinds.pow,
};

/** Options of `graphFromExpr`. */
export interface GraphFromExprOptions {
  /**
   * A name for the terminal when it is not a leaf, e.g. "f" as in the lecture; primes are added
   * while a variable already has it (f′, f″, …). Without it the terminal is numbered like the rest.
   */
  readonly terminalName?: string;
}

const childrenOf = (e: Expr): readonly Expr[] =>
  e.kind === "unary" ? [e.arg] : e.kind === "binary" ? [e.left, e.right] : [];

/**
 * The graph of `expr`: a leaf per variable name (valued from `at` when given), a constant leaf per
 * distinct number, and one vertex per subexpression object, so a shared object is one vertex.
 * Interior vertices are named v1, v2, … in topological order (the terminal too, unless
 * `options.terminalName` names it). Walks iteratively (deep trees work).
 * @example
 * const G = graphFromExpr(parseExpression("log(x) + x*y - sin(y)"), { x: 2, y: 5 });
 * backward(G, forward(G)).get(G.leaves[0]!); // ∂f/∂x = 5.5
 * graphFromExpr(parseExpression("x*y"), {}, { terminalName: "f" }).terminal.name; // "f"
 */
export function graphFromExpr(
  expr: Expr,
  at: Readonly<Record<string, number>> = {},
  options: GraphFromExprOptions = {},
): ComputationalGraph {
  const built = new Map<Expr, GraphVertex>();
  const variables = new Map<string, GraphVertex>();
  const constants = new Map<number, GraphVertex>();
  const terminalName = (): string | undefined => {
    let name = options.terminalName;
    while (name !== undefined && variables.has(name)) name += "′";
    return name;
  };
  const build = (e: Expr): GraphVertex => {
    const name = e === expr ? terminalName() : undefined;
    switch (e.kind) {
      case "const": {
        const existing = constants.get(e.value);
        if (existing !== undefined) return existing;
        const made = constant(e.value);
        constants.set(e.value, made);
        return made;
      }
      case "var": {
        const existing = variables.get(e.name);
        if (existing !== undefined) return existing;
        const made = leaf(e.name, Object.hasOwn(at, e.name) ? at[e.name] : undefined);
        variables.set(e.name, made);
        return made;
      }
      case "unary":
        return vertex(vertexKinds[e.op], [built.get(e.arg)!], name);
      case "binary":
        return vertex(BINARY_KINDS[e.op], [built.get(e.left)!, built.get(e.right)!], name);
    }
  };
  const stack: { e: Expr; expanded: boolean }[] = [{ e: expr, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (built.has(top.e)) {
      stack.pop();
    } else if (top.expanded) {
      stack.pop();
      built.set(top.e, build(top.e));
    } else {
      top.expanded = true;
      for (const child of childrenOf(top.e)) {
        if (!built.has(child)) stack.push({ e: child, expanded: false });
      }
    }
  }
  return computationalGraph(built.get(expr)!);
}
