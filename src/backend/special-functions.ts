// The error function and its complement in float64 (JavaScript has no Math.erf): the js reference of
// the erf/erfc/gelu kernels. Accurate to a few ulps (erf ≤ 7e-16, erfc ≤ 3e-15 relative, checked
// against glibc's erf/erfc through Python in test/backend/special-functions.test.ts).

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
