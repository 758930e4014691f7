// The lecture's computational graph (§3) of a parsed expression: ordered predecessors, calc and deriv per vertex.
import { diff, evaluate, expr, formatExpr, parseExpression, type Expr } from "gradus";

/** A vertex: its ordered predecessor list P(v) (repeats allowed, x·x → [x, x]), calc and deriv. */
export interface GraphVertex {
  readonly id: string;
  readonly inputs: readonly GraphVertex[];
  /** calc(G, v) as text over the predecessors' names, e.g. "log(x)"; the variable's name for a leaf. */
  readonly calcText: string;
  /** calc(G, v)(F(p1), …, F(pk)). */
  calc(args: readonly number[]): number;
  /** deriv(G, v, p_index)(F(p1), …, F(pk)). */
  deriv(args: readonly number[], index: number): number;
  /** deriv(G, v, p_index) as text over the predecessors' names, e.g. "1/x". */
  derivText(index: number): string;
}

export interface LectureGraph {
  /** The root expression the graph was built from. */
  readonly expression: Expr;
  /** Every vertex in topological order (each after all of its predecessors). */
  readonly vertices: readonly GraphVertex[];
  /** The leaves L(G): one per variable, in order of first appearance. */
  readonly leaves: readonly GraphVertex[];
  /** The single terminal vertex T(G). */
  readonly terminal: GraphVertex;
}

const slot = (index: number): string => `a${index}`;

function rename(e: Expr, names: readonly string[]): Expr {
  switch (e.kind) {
    case "const":
      return e;
    case "var":
      return expr.variable(names[Number(e.name.slice(1))] ?? e.name);
    case "unary":
      return expr.unary(e.op, rename(e.arg, names));
    case "binary":
      return expr.binary(e.op, rename(e.left, names), rename(e.right, names));
  }
}

interface Draft {
  id: string;
  readonly inputs: Draft[];
  /** calc over the slot variables a0, a1 (constant operands kept inline); null for a leaf. */
  readonly local: Expr | null;
}

function toVertex(draft: Draft, made: Map<Draft, GraphVertex>): GraphVertex {
  const inputs = draft.inputs.map((input) => made.get(input)!);
  const names = inputs.map((input) => input.id);
  const local = draft.local;
  const slots = (args: readonly number[]) => Object.fromEntries(args.map((v, i) => [slot(i), v]));
  const derivatives = local === null ? [] : inputs.map((_, i) => diff(local, slot(i)));
  return {
    id: draft.id,
    inputs,
    calcText: local === null ? draft.id : formatExpr(rename(local, names)),
    calc: (args) => (local === null ? Number.NaN : evaluate(local, slots(args))),
    deriv: (args, index) => evaluate(derivatives[index]!, slots(args)),
    derivText: (index) => formatExpr(rename(derivatives[index]!, names)),
  };
}

/**
 * Parses `source` and builds its graph: one leaf per variable, one vertex per operation that depends on
 * a variable (constant subexpressions fold into their parent's calc). Throws ParseError for bad input
 * and Error for an expression without variables.
 * @example buildLectureGraph("log(x) + x*y - sin(y)").vertices.map((v) => v.calcText)
 */
export function buildLectureGraph(source: string): LectureGraph {
  const expression = parseExpression(source);
  const drafts: Draft[] = [];
  const leaves = new Map<string, Draft>();
  const visit = (e: Expr): Draft | number => {
    if (e.kind === "const") return e.value;
    if (e.kind === "var") {
      let leaf = leaves.get(e.name);
      if (leaf === undefined) {
        leaf = { id: e.name, inputs: [], local: null };
        leaves.set(e.name, leaf);
        drafts.push(leaf);
      }
      return leaf;
    }
    const operands = e.kind === "unary" ? [visit(e.arg)] : [visit(e.left), visit(e.right)];
    const inputs: Draft[] = [];
    const local = operands.map((operand) =>
      typeof operand === "number"
        ? expr.constant(operand)
        : expr.variable(slot(inputs.push(operand) - 1)),
    );
    const calc =
      e.kind === "unary" ? expr.unary(e.op, local[0]!) : expr.binary(e.op, local[0]!, local[1]!);
    if (inputs.length === 0) return evaluate(calc, {});
    const draft: Draft = { id: "", inputs, local: calc };
    drafts.push(draft);
    return draft;
  };
  const root = visit(expression);
  if (typeof root === "number") {
    throw new Error(`the expression has no variables: f is the constant ${root}`);
  }
  nameIntermediates(drafts, root, new Set(leaves.keys()));
  const made = new Map<Draft, GraphVertex>();
  for (const draft of drafts) made.set(draft, toVertex(draft, made));
  return {
    expression,
    vertices: drafts.map((draft) => made.get(draft)!),
    leaves: [...leaves.values()].map((leaf) => made.get(leaf)!),
    terminal: made.get(root)!,
  };
}

/** Names intermediate vertices v1, v2, … and the terminal f, skipping names the variables use. */
function nameIntermediates(drafts: readonly Draft[], root: Draft, taken: Set<string>): void {
  const fresh = (base: string, numbered: boolean): string => {
    for (let k = numbered ? 1 : 0; ; k++) {
      const name = numbered ? `${base}${k}` : base + "'".repeat(k);
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
  };
  if (root.local !== null) root.id = fresh("f", false);
  for (const draft of drafts) {
    if (draft.local !== null && draft !== root) draft.id = fresh("v", true);
  }
}
