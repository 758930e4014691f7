// What a non-leaf vertex computes: calc(G, v) and deriv(G, v, p) of the lecture, plus how to print it.

/**
 * A kind of non-leaf vertex (the lecture's "module"): `calc` computes the vertex's value from its
 * predecessors' values F(p1), …, F(pk); `deriv(inputs, i)` is ∂calc/∂(input i) at those values.
 */
export interface VertexKind {
  /** A short name, e.g. `"log"`; shown in traces and pictures. */
  readonly name: string;
  /** How many predecessors the vertex takes. */
  readonly arity: number;
  /** calc(G, v)(F(p1), …, F(pk)). */
  calc(inputs: readonly number[]): number;
  /** deriv(G, v, p_i)(F(p1), …, F(pk)) = ∂calc/∂(input i). */
  deriv(inputs: readonly number[], i: number): number;
  /** calc as text over the predecessors' names, e.g. `["x", "y"]` → `"x·y"`. */
  format(names: readonly string[]): string;
  /**
   * deriv(G, v, p_i) as text over the predecessors' names, e.g. log: `["x"], 0` → `"1/x"`. Optional;
   * `derivText` falls back to `∂(calc)/∂(name)` without it.
   */
  formatDeriv?(names: readonly string[], i: number): string;
}

/**
 * The definition of a custom vertex kind; `format` defaults to `name(a, b, …)`, and without
 * `formatDeriv` the derivative is written `∂(calc)/∂(name)`.
 */
export interface VertexKindDefinition {
  readonly name: string;
  readonly arity: number;
  calc(inputs: readonly number[]): number;
  deriv(inputs: readonly number[], i: number): number;
  format?(names: readonly string[]): string;
  formatDeriv?(names: readonly string[], i: number): string;
}

/**
 * A new vertex kind from its calc and deriv: the lecture's "add new modules".
 * @example
 * const cube = defineVertexKind({
 *   name: "cube",
 *   arity: 1,
 *   calc: ([a]) => a! ** 3,
 *   deriv: ([a]) => 3 * a! ** 2, // d/da a³ = 3a²
 *   formatDeriv: ([a]) => `3·${a}²`,
 * });
 */
export function defineVertexKind(definition: VertexKindDefinition): VertexKind {
  const { name, arity, calc, deriv } = definition;
  if (!Number.isInteger(arity) || arity < 1) {
    throw new RangeError(`vertex kind "${name}": arity must be an integer ≥ 1, got ${arity}`);
  }
  const format =
    definition.format?.bind(definition) ??
    ((names: readonly string[]) => `${name}(${names.join(", ")})`);
  const kind: VertexKind = {
    name,
    arity,
    calc: calc.bind(definition),
    deriv: deriv.bind(definition),
    format,
  };
  const formatDeriv = definition.formatDeriv?.bind(definition);
  return formatDeriv === undefined ? kind : { ...kind, formatDeriv };
}
