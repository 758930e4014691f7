// Vertices of the lecture's computational graph: leaves (variables, constants) and vertices with a kind.
import type { Vertex } from "../autodiff/index.js";
import type { VertexKind } from "./vertex-kind.js";

/**
 * A vertex v of G with its ordered predecessor list P_G(v) (repeats allowed: x·x has [x, x]).
 * A leaf has no predecessors and no kind; its value F(v) is read (from `value` or from `forward`'s
 * inputs). A non-leaf vertex computes F(v) with `kind.calc` and differentiates with `kind.deriv`.
 */
export class GraphVertex implements Vertex {
  /** The engine's scratch slot (see `Vertex.mark`). */
  mark = 0;

  constructor(
    /** P_G(v), in argument order. */
    readonly inputs: readonly GraphVertex[],
    /** calc and deriv of this vertex; null for a leaf. */
    readonly kind: VertexKind | null,
    /** The name shown in traces and pictures (u, v, s, w, f in the lecture); the graph names the rest. */
    readonly name: string | undefined,
    /** A leaf's value F(v), unless `forward` is given another. */
    readonly value: number | undefined,
    /** True for a constant leaf (a number in the expression, not a variable). */
    readonly isConstant = false,
  ) {}

  /** True when P_G(v) is empty. */
  get isLeaf(): boolean {
    return this.inputs.length === 0;
  }
}

/**
 * A leaf (an input variable), optionally with its value.
 * @example const x = leaf("x", 2);
 */
export function leaf(name: string, value?: number): GraphVertex {
  return new GraphVertex([], null, name, value);
}

/**
 * A constant leaf; it is named by its value.
 * @example vertex(vertexKinds.mul, [constant(3), x]) // 3·x
 */
export function constant(value: number): GraphVertex {
  return new GraphVertex([], null, String(value), value, true);
}

/**
 * A non-leaf vertex computing `kind` of `inputs` (its predecessor list, in order).
 * @example const v = vertex(vertexKinds.mul, [x, y], "v"); // v = x·y
 */
export function vertex(
  kind: VertexKind,
  inputs: readonly GraphVertex[],
  name?: string,
): GraphVertex {
  if (inputs.length !== kind.arity) {
    const label = name === undefined ? "" : ` "${name}"`;
    throw new RangeError(
      `vertex${label} of kind ${kind.name} takes ${kind.arity} predecessor(s), got ${inputs.length}`,
    );
  }
  return new GraphVertex([...inputs], kind, name, undefined);
}
