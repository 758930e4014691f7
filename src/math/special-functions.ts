// Scalar special functions shared by the kernels and the scalar engines: the error function and its
// complement (JavaScript has no Math.erf; a few ulps, checked against glibc through Python in
// test/math/special-functions.test.ts), IEEE pow and a stable σ.

// erf and erfc are rational approximations on five intervals of |x| (Cody's scheme, with the
// coefficients Sun's fdlibm published in 1993, which glibc and musl use too): one division and at most
// two exp calls per value.

/** Coefficients, lowest degree first: p(t) = c₀ + c₁t + c₂t² + …. */
type Coefficients = readonly number[];
/** erf x = x + x·P(x²)/Q(x²) for |x| < 0.84375. */
const SMALL_P: Coefficients = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const SMALL_Q: Coefficients = [
  1, 3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3,
  1.32494738004321644526e-4, -3.9602282787753681232e-6,
];
/** erf(1 + s) = ERF_NEAR_ONE + P(s)/Q(s) for 0.84375 ≤ |x| < 1.25 (s = |x| − 1). */
const ERF_NEAR_ONE = 8.45062911510467529297e-1;
const MIDDLE_P: Coefficients = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2,
  -2.166375594868790843e-3,
];
const MIDDLE_Q: Coefficients = [
  1, 1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2,
  1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
/** erfc x = e^(−x² − 0.5625 + R(1/x²)/S(1/x²))/x for 1.25 ≤ x < 1/0.35 … */
const NEAR_R: Coefficients = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2,
  -8.12874355063065934246e1, -9.81432934416914548592,
];
const NEAR_S: Coefficients = [
  1, 1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2,
  6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2,
  6.57024977031928170135, -6.04244152148580987438e-2,
];
/** … and for 1/0.35 ≤ x < 28 (beyond 28, erfc x underflows to 0). */
const FAR_R: Coefficients = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3,
  -4.83519191608651397019e2,
];
const FAR_S: Coefficients = [
  1, 3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3,
  3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2,
  -2.24409524465858183362e1,
];
const FAR_FROM = 1 / 0.35;
/** 2/√π − 1: below 2⁻²⁸, erf x = x + x·TINY_SLOPE to rounding. */
const TINY_SLOPE = 1.28379167095512586316e-1;

/** p(t) by Horner's rule. */
function polynomial(coefficients: Coefficients, t: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * t + coefficients[i]!;
  return sum;
}

/** x·P(x²)/Q(x²): erf x = x + smallPart(x) for |x| < 0.84375. */
function smallPart(x: number): number {
  if (Math.abs(x) < 2 ** -28) return x * TINY_SLOPE;
  const z = x * x;
  return (x * polynomial(SMALL_P, z)) / polynomial(SMALL_Q, z);
}

/** P(s)/Q(s) with s = |x| − 1: erf |x| = ERF_NEAR_ONE + middlePart(x) for 0.84375 ≤ |x| < 1.25. */
function middlePart(x: number): number {
  const s = Math.abs(x) - 1;
  return polynomial(MIDDLE_P, s) / polynomial(MIDDLE_Q, s);
}

/**
 * erfc x for 1.25 ≤ x < 28: e^(−x² − 0.5625 + R/S)/x, with −x² split as −h² + (h − x)(h + x) (h: x
 * rounded to float32, so h² is exact) to keep the exponent's rounding out of the result.
 */
function erfcTail(x: number): number {
  const t = 1 / (x * x);
  const ratio =
    x < FAR_FROM
      ? polynomial(NEAR_R, t) / polynomial(NEAR_S, t)
      : polynomial(FAR_R, t) / polynomial(FAR_S, t);
  const head = Math.fround(x);
  return (Math.exp(-head * head - 0.5625) * Math.exp((head - x) * (head + x) + ratio)) / x;
}

/** The error function erf x = (2/√π)∫₀ˣ e^(−t²) dt. @example erf(1) // 0.8427007929497149 */
export function erf(x: number): number {
  const magnitude = Math.abs(x);
  if (!(magnitude < 6)) return Number.isNaN(x) ? x : Math.sign(x);
  if (magnitude < 0.84375) return x + smallPart(x);
  const value = magnitude < 1.25 ? ERF_NEAR_ONE + middlePart(x) : 1 - erfcTail(magnitude);
  return x < 0 ? -value : value;
}

/** The complementary error function 1 − erf x, accurate where it is tiny (large x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const magnitude = Math.abs(x);
  if (magnitude < 0.84375) {
    // below ¼, 1 − erf x loses nothing; above it, ½ − (x − ½ + x·R) keeps the low bits
    return x < 0.25 ? 1 - (x + smallPart(x)) : 0.5 - (x - 0.5 + smallPart(x));
  }
  if (magnitude < 1.25) {
    const part = middlePart(x);
    return x > 0 ? 1 - ERF_NEAR_ONE - part : 1 + (ERF_NEAR_ONE + part);
  }
  if (x >= 28) return 0;
  if (x <= -6) return 2;
  const tail = erfcTail(magnitude);
  return x > 0 ? tail : 2 - tail;
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
