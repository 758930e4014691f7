// A micrograd-style scalar: each operation makes a vertex of the shared engine, using the graph's kinds.
import { sweepAdjoints, type AdjointRule, type Vertex } from "../autodiff/index.js";
import { vertexKinds, type BinaryKind, type UnaryKind } from "./kinds.js";

const NO_INPUTS: readonly Value[] = [];

/**
 * A scalar that remembers how it was computed. Operations take a `Value` or a plain number (which
 * becomes a constant `Value`). `backward()` adds ∂this/∂v to `v.grad` for every vertex v it depends
 * on — PyTorch semantics: gradients accumulate across calls, so reset them (`grad = 0`) between steps.
 * @example
 * const x = new Value(2), y = new Value(5);
 * const f = x.log().add(x.mul(y)).sub(y.sin());
 * f.backward(); // x.grad = 5.5, y.grad = 2 − cos 5 ≈ 1.7163
 */
export class Value implements Vertex {
  /** ∂(the value backward() was called on)/∂this, summed over calls. */
  grad = 0;
  /** The engine's scratch slot (see `Vertex.mark`). */
  mark = 0;

  constructor(
    /** The value computed in the forward direction. */
    public data: number,
    /** P(v): the operands, in order (empty for a leaf). */
    readonly inputs: readonly Value[] = NO_INPUTS,
    /** The vertex kind that computed `data` from the operands' data; null for a leaf. */
    readonly kind: UnaryKind | BinaryKind | null = null,
  ) {}

  private unary(kind: UnaryKind): Value {
    return new Value(kind.calcAt(this.data), [this], kind);
  }

  private binary(kind: BinaryKind, other: Value | number): Value {
    const operand = typeof other === "number" ? new Value(other) : other;
    return new Value(kind.calcAt(this.data, operand.data), [this, operand], kind);
  }

  /** this + other */
  add(other: Value | number): Value {
    return this.binary(vertexKinds.add, other);
  }
  /** this − other */
  sub(other: Value | number): Value {
    return this.binary(vertexKinds.sub, other);
  }
  /** this · other */
  mul(other: Value | number): Value {
    return this.binary(vertexKinds.mul, other);
  }
  /** this / other */
  div(other: Value | number): Value {
    return this.binary(vertexKinds.div, other);
  }
  /** this ^ other */
  pow(other: Value | number): Value {
    return this.binary(vertexKinds.pow, other);
  }
  /** −this */
  neg(): Value {
    return this.unary(vertexKinds.neg);
  }
  /** eᵗʰⁱˢ */
  exp(): Value {
    return this.unary(vertexKinds.exp);
  }
  /** ln this (NaN for a negative number, as Math.log) */
  log(): Value {
    return this.unary(vertexKinds.log);
  }
  /** sin this */
  sin(): Value {
    return this.unary(vertexKinds.sin);
  }
  /** cos this */
  cos(): Value {
    return this.unary(vertexKinds.cos);
  }
  /** tanh this */
  tanh(): Value {
    return this.unary(vertexKinds.tanh);
  }
  /** max(this, 0) */
  relu(): Value {
    return this.unary(vertexKinds.relu);
  }
  /** 1 / (1 + e⁻ᵗʰⁱˢ) */
  sigmoid(): Value {
    return this.unary(vertexKinds.sigmoid);
  }
  /** √this */
  sqrt(): Value {
    return this.unary(vertexKinds.sqrt);
  }

  /**
   * Reverse mode from this value (seeded with ∂this/∂this = 1) through the shared engine: adds the
   * adjoint of every vertex reached to its `grad`.
   */
  backward(): void {
    sweepAdjoints<Value, number>(this, 1, VALUE_RULE, addToGrad);
  }

  toString(): string {
    return `Value(data=${this.data}, grad=${this.grad})`;
  }
}

const addToGrad = (vertex: Value, adjoint: number): void => {
  vertex.grad += adjoint;
};

/** One result array reused by every pullback: the engine reads it before the next pullback. */
const CONTRIBUTIONS = [0, 0];
const ONE_CONTRIBUTION = [0];

/** B(p) += B(v)·deriv(v, p)(data of v's operands), with the graph library's derivs. */
const VALUE_RULE: AdjointRule<Value, number> = {
  pullback(vertex, adjoint) {
    const inputs = vertex.inputs;
    const kind = vertex.kind!;
    const a = inputs[0]!.data;
    if (kind.arity === 1) {
      ONE_CONTRIBUTION[0] = adjoint * kind.derivAt(a);
      return ONE_CONTRIBUTION;
    }
    const b = inputs[1]!.data;
    CONTRIBUTIONS[0] = adjoint * kind.derivAt(a, b, 0);
    CONTRIBUTIONS[1] = adjoint * kind.derivAt(a, b, 1);
    return CONTRIBUTIONS;
  },
  accumulate: (current, contribution) => (current ?? 0) + contribution,
};
