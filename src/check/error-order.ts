// The lecture's exercise, measured: error of forward and central differences against h, and its order.
import { numericalGrad, type DifferenceMethod } from "./numerical-grad.js";

/** One step size and the max-norm error of each method's gradient at it. */
export interface ErrorOrderRow {
  readonly h: number;
  readonly forwardError: number;
  readonly centralError: number;
}

/** What the table says about one method. */
export interface ErrorOrderFit {
  /** log-log slope of error against h over the truncation-dominated steps: the order (≈1, ≈2). */
  readonly slope: number;
  /** The steps the slope was fitted on (from the largest down). */
  readonly fitRange: readonly [number, number];
  /** The step with the smallest error: below it rounding error takes over and grows like 1/h. */
  readonly bestH: number;
  readonly bestError: number;
}

export interface ErrorOrderResult {
  readonly rows: readonly ErrorOrderRow[];
  readonly forward: ErrorOrderFit;
  readonly central: ErrorOrderFit;
}

export interface ErrorOrderOptions {
  /** Step sizes to try, largest first; default 10⁻¹ … 10⁻¹². */
  readonly steps?: readonly number[];
}

/**
 * Measures ‖numericalGrad − exact‖∞ for both methods at each step h and fits the order of the
 * truncation error: error ≈ C·hᵖ, so p is the slope of log error against log h. The fit uses the steps
 * at least 100× above the best one (two decades clear of rounding), or 10× when that leaves fewer than
 * two points.
 * @example errorOrder(([x]) => Math.exp(x!), ([x]) => [Math.exp(x!)], [1]).central.slope // ≈ 2
 */
export function errorOrder(
  f: (x: Float64Array) => number,
  exactGradient: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  options: ErrorOrderOptions = {},
): ErrorOrderResult {
  const steps = options.steps ?? Array.from({ length: 12 }, (_, i) => Number(`1e-${i + 1}`));
  const exact = Array.from(exactGradient(Float64Array.from(x)));
  const errorAt = (h: number, method: DifferenceMethod): number => {
    const approximate = numericalGrad(f, x, { h, method });
    return exact.reduce((worst, value, i) => Math.max(worst, Math.abs(approximate[i]! - value)), 0);
  };
  const rows = steps.map((h) => ({
    h,
    forwardError: errorAt(h, "forward"),
    centralError: errorAt(h, "central"),
  }));
  return {
    rows,
    forward: fitOrder(rows.map((row) => [row.h, row.forwardError])),
    central: fitOrder(rows.map((row) => [row.h, row.centralError])),
  };
}

/** Least-squares slope of log₁₀ y against log₁₀ x. @example logLogSlope([[0.1, 0.01], [0.01, 0.0001]]) // 2 */
export function logLogSlope(points: readonly (readonly [number, number])[]): number {
  const logs = points.map(([x, y]) => [Math.log10(x), Math.log10(y)] as const);
  const meanX = logs.reduce((total, [lx]) => total + lx, 0) / logs.length;
  const meanY = logs.reduce((total, [, ly]) => total + ly, 0) / logs.length;
  let covariance = 0;
  let variance = 0;
  for (const [lx, ly] of logs) {
    covariance += (lx - meanX) * (ly - meanY);
    variance += (lx - meanX) ** 2;
  }
  return covariance / variance;
}

function fitOrder(points: readonly (readonly [number, number])[]): ErrorOrderFit {
  const measurable = points.filter(([, error]) => error > 0);
  const best = measurable.reduce((a, b) => (b[1] < a[1] ? b : a), measurable[0] ?? [NaN, NaN]);
  let fitted = measurable.filter(([h]) => h >= 100 * best[0]);
  if (fitted.length < 2) fitted = measurable.filter(([h]) => h >= 10 * best[0]);
  if (fitted.length < 2) fitted = measurable;
  return {
    slope: fitted.length >= 2 ? logLogSlope(fitted) : NaN,
    fitRange: [fitted[0]?.[0] ?? NaN, fitted[fitted.length - 1]?.[0] ?? NaN],
    bestH: best[0],
    bestError: best[1],
  };
}
