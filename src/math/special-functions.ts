// Scalar special functions shared by the kernels and the scalar engines: the error function and its
// complement (JavaScript has no Math.erf; a few ulps: erf ≤ 7e-16, erfc ≤ 3e-15 relative, checked
// against glibc through Python in test/math/special-functions.test.ts), IEEE pow and a stable σ.

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
/** Below this |x| erf is summed as a series; above it erfc comes from its continued fraction. */
const SERIES_LIMIT = 2;
/** Above this x erfc uses the continued fraction (it converges in < 190 steps from here). */
const FRACTION_LIMIT = 1;

/** e^(−x²) without the rounding of x² in the exponent (x split into a float32 head and a tail). */
function expMinusSquare(x: number): number {
  const head = Math.fround(x);
  return Math.exp(-head * head) * Math.exp(-(x - head) * (x + head));
}

/** erf x = (2/√π)·x·e^(−x²)·Σₙ (2x²)ⁿ / (1·3·…·(2n+1)): every term positive, so nothing cancels. */
function erfSeries(x: number): number {
  const twiceSquare = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
    term *= twiceSquare / (2 * n + 1);
    sum += term;
  }
  return TWO_OVER_SQRT_PI * x * Math.exp(-x * x) * sum;
}

/** erfc x for x ≥ 1: (e^(−x²)/√π) / (x + ½/(x + 1/(x + (3/2)/(x + …)))), by Lentz's method. */
function erfcFraction(x: number): number {
  if (x === Infinity) return 0;
  let fraction = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 400; k++) {
    const a = k / 2;
    d = 1 / (x + a * d);
    c = x + a / c;
    const delta = c * d;
    fraction *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return (ONE_OVER_SQRT_PI * expMinusSquare(x)) / fraction;
}

/** The error function erf x = (2/√π)∫₀ˣ e^(−t²) dt. @example erf(1) // 0.8427007929497149 */
export function erf(x: number): number {
  const magnitude = Math.abs(x);
  if (!(magnitude >= SERIES_LIMIT)) return Number.isNaN(x) ? x : erfSeries(x);
  const value = 1 - erfcFraction(magnitude);
  return x < 0 ? -value : value;
}

/** The complementary error function 1 − erf x, accurate where it is tiny (large x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x >= FRACTION_LIMIT) return erfcFraction(x);
  if (x > -SERIES_LIMIT) return 1 - erfSeries(x);
  return 2 - erfcFraction(-x);
}

/**
 * IEEE 754 pow: 1ʸ = 1 for every y (NaN too) and (−1)^±∞ = 1, where JavaScript's ** and Math.pow
 * give NaN. @example ieeePow(1, NaN) // 1
 */
export function ieeePow(a: number, b: number): number {
  return a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : Math.pow(a, b);
}

/** σ(x) = 1/(1 + e⁻ˣ), split by sign so that e^|x| never overflows. @example sigmoid(0) // 0.5 */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
