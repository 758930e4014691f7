// Finite-difference gradients (the lecture's section 1): forward and central differences, coordinate by coordinate.

/** Which difference quotient to use. */
export type DifferenceMethod = "forward" | "central";

export interface NumericalGradOptions {
  /** Step size; defaults to `defaultStep(method)`. Must be finite and > 0. */
  readonly h?: number;
  /** `"central"` (default): error O(h²); `"forward"`: error O(h), one evaluation fewer per coordinate. */
  readonly method?: DifferenceMethod;
}

/**
 * The step that balances truncation against rounding for a function of size ≈ 1 with derivatives of
 * size ≈ 1. With ε = 2⁻⁵² (float64's machine epsilon) the forward error is ≈ h·|f″|/2 + 2ε|f|/h,
 * smallest at h ≈ √ε ≈ 1.5e-8; the central error is ≈ h²·|f‴|/6 + ε|f|/h, smallest at h ≈ ∛ε ≈ 6e-6.
 * @example defaultStep("central") // ≈ 6.06e-6
 */
export function defaultStep(method: DifferenceMethod): number {
  return method === "forward" ? Math.sqrt(Number.EPSILON) : Math.cbrt(Number.EPSILON);
}

/**
 * ∇f(x) approximated by finite differences: for each coordinate i,
 * forward (f(x + h·eᵢ) − f(x)) / h or central (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h.
 * Costs n + 1 (forward) or 2n (central) evaluations of f. `x` is copied, never modified; `f` receives
 * a scratch copy. The quotient divides by the step actually taken, (xᵢ + h) − xᵢ as rounded, which
 * removes the representation error of xᵢ + h. Throws for a bad `h` or when f is not finite.
 * @example numericalGrad(([x, y]) => x! * y!, Float64Array.of(2, 5)) // ≈ [5, 2]
 */
export function numericalGrad(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options: NumericalGradOptions = {},
): Float64Array {
  const method = options.method ?? "central";
  if (method !== "forward" && method !== "central") {
    throw new Error(
      `numericalGrad: method must be "forward" or "central", not "${String(method)}"`,
    );
  }
  const h = options.h ?? defaultStep(method);
  if (!(Number.isFinite(h) && h > 0)) {
    throw new Error(`numericalGrad: h must be a finite number > 0, got ${h}`);
  }
  const point = Float64Array.from(x);
  const evaluateAt = (where: string): number => {
    const value = f(point);
    if (!Number.isFinite(value)) {
      throw new Error(`numericalGrad: f returned ${value} at ${where}; f must be finite near x`);
    }
    return value;
  };
  const base = method === "forward" ? evaluateAt("x") : 0;
  const gradient = new Float64Array(point.length);
  for (let i = 0; i < point.length; i++) {
    const xi = point[i]!;
    const above = xi + h;
    const below = method === "central" ? xi - h : xi;
    if (above === xi || !Number.isFinite(above) || !Number.isFinite(below)) {
      throw new Error(`numericalGrad: h = ${h} is too small or too large for x[${i}] = ${xi}`);
    }
    point[i] = above;
    const upper = evaluateAt(`x + h·e${i}`);
    let lower = base;
    if (method === "central") {
      point[i] = below;
      lower = evaluateAt(`x − h·e${i}`);
    }
    point[i] = xi;
    gradient[i] = (upper - lower) / (above - below);
  }
  return gradient;
}
