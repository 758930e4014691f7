// The lecture's second exercise, measured: a family of size O(k) whose symbolic derivative swells like 2ᵏ.
import { binary, unary, variable } from "./build.js";
import { diff } from "./diff.js";
import type { Expr } from "./expr.js";
import { dagSize, treeSize } from "./size.js";

/**
 * f₁ = x, f_{k+1} = sin(f_k)·cos(f_k): k steps of computation (3k − 2 vertices as a DAG). Each step
 * uses f_k twice, so written out as a tree f_k has 2ᵏ⁺¹ − 3 nodes.
 * NOTE: exponential swell needs that sharing. For an expression that is a tree of n nodes and depth d,
 * each rule copies only its operands, so the derivative tree has O(n·d) ≤ O(n²) nodes.
 * @example formatExpr(swellExpression(2)) // "sin(x)*cos(x)"
 */
export function swellExpression(k: number): Expr {
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`swellExpression: k must be an integer ≥ 1, got ${k}`);
  let f = variable("x");
  for (let step = 1; step < k; step++) f = binary("*", unary("sin", f), unary("cos", f));
  return f;
}

/** One row of the swell table. */
export interface SwellRow {
  readonly k: number;
  /** f_k written out as a tree. */
  readonly expressionTreeSize: number;
  /** Vertices of f_k's computational graph: what backprop sweeps, once forward and once backward. */
  readonly backpropVertices: number;
  /** ∂f_k/∂x written out as a tree: what an O(k′) analytic gradient formula costs to evaluate. */
  readonly derivativeTreeSize: number;
  /** ∂f_k/∂x with shared subexpressions counted once. */
  readonly derivativeDagSize: number;
  /** derivativeTreeSize(k) / derivativeTreeSize(k − 1); NaN in the first row. */
  readonly growthRatio: number;
}

/**
 * The swell table for k = 1 … maxK (sizes are exact: trees are counted on the DAG, never expanded).
 * The derivative tree grows by a factor → 2 per step (≈ 2(k+1)/k, since it is ≈ k·2ᵏ), while the
 * expression DAG, the derivative DAG and backprop grow by a constant per step.
 * @example expressionSwell(20).at(-1)!.growthRatio // ≈ 2.11
 */
export function expressionSwell(maxK: number): SwellRow[] {
  const rows: SwellRow[] = [];
  for (let k = 1; k <= maxK; k++) {
    const f = swellExpression(k);
    const derivative = diff(f, "x");
    const derivativeTreeSize = treeSize(derivative);
    const previous = rows[rows.length - 1];
    rows.push({
      k,
      expressionTreeSize: treeSize(f),
      backpropVertices: dagSize(f),
      derivativeTreeSize,
      derivativeDagSize: dagSize(derivative),
      growthRatio: previous ? derivativeTreeSize / previous.derivativeTreeSize : Number.NaN,
    });
  }
  return rows;
}

/**
 * The per-step growth factor of a size column fitted over the given rows: 10^(slope of log₁₀ size
 * against k), by least squares.
 * @example fittedGrowth(expressionSwell(20).slice(10), (row) => row.derivativeTreeSize) // ≈ 2.1
 */
export function fittedGrowth(rows: readonly SwellRow[], size: (row: SwellRow) => number): number {
  const points = rows.map((row) => [row.k, Math.log10(size(row))] as const);
  const meanK = points.reduce((total, [k]) => total + k, 0) / points.length;
  const meanLog = points.reduce((total, [, log]) => total + log, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [k, log] of points) {
    covariance += (k - meanK) * (log - meanLog);
    variance += (k - meanK) ** 2;
  }
  return 10 ** (covariance / variance);
}
