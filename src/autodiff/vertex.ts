// The vertex contract shared by the lecture's scalar graph and the tensor engine.

/** A vertex of a computational graph: its ordered predecessor list P(v), repeats allowed (x·x → [x, x]). */
export interface Vertex {
  readonly inputs: readonly Vertex[];
}

/**
 * How adjoints of one kind (numbers, tensors, …) flow backwards through vertices of one kind.
 * The engine knows nothing else about either.
 */
export interface AdjointRule<V extends Vertex, A> {
  /** The contributions B(v)·∂v/∂p for each predecessor p of `vertex`, in input order; null adds nothing. */
  pullback(vertex: V, adjoint: A): readonly (A | null)[];
  /** B(p) += contribution; `current` is undefined the first time p is reached. */
  accumulate(current: A | undefined, contribution: A, target: V): A;
}
