// The vertex contract shared by the lecture's scalar graph and the tensor engine.

/** A vertex of a computational graph: its ordered predecessor list P(v), repeats allowed (x·x → [x, x]). */
export interface Vertex {
  readonly inputs: readonly Vertex[];
  /**
   * Optional scratch number owned by the engine. A vertex class that declares it (initialised to 0)
   * lets the engine keep visit marks and sweep positions here instead of in Maps (≈ 3× faster on
   * large scalar graphs); vertices without it work the same way, through Maps. Never read it.
   */
  mark?: number;
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
