// The vector arithmetic of the recurrent kernels: float32 in float32 lanes, float64 in float64 lanes
// (GCC vector extensions at the including file's VBYTES), exp/σ/tanh from one Cody–Waite reduction,
// and the row blocks (a tail goes through zero-padded buffers, so it runs the same vector code).
#include <cstring>
#include <initializer_list>

namespace {

/** Vector types and exp constants per dtype: float32 work in float32 lanes, float64 in float64 lanes. */
template <typename T>
struct Lanes;

template <>
struct Lanes<double> {
  using V = double __attribute__((vector_size(VBYTES)));
  using VI = long long __attribute__((vector_size(VBYTES)));
  static constexpr double shifter = 6755399441055744.0;  // 1.5·2⁵²: its low bits then hold round(x)
  static constexpr long long bias = 1023, mantissa = 52;
  static constexpr double low = -708.0, high = 709.0, saturated = 22.0;
  static constexpr double ln2High = 6.93147180369123816490e-01, ln2Low = 1.90821492927058770002e-10;
};

template <>
struct Lanes<float> {
  using V = float __attribute__((vector_size(VBYTES)));
  using VI = int __attribute__((vector_size(VBYTES)));
  static constexpr float shifter = 12582912.0f;  // 1.5·2²³
  static constexpr int bias = 127, mantissa = 23;
  static constexpr float low = -87.0f, high = 88.0f, saturated = 9.0f;
  static constexpr float ln2High = 0.693145751953125f, ln2Low = 1.428606765330187e-6f;
};

template <typename T>
using Vec = typename Lanes<T>::V;

template <typename T>
constexpr long W = VBYTES / sizeof(T);

template <typename T>
inline Vec<T> splat(T value) {
  return Vec<T>{} + value;
}

template <typename T>
inline Vec<T> load(const T* p) {
  Vec<T> v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename T>
inline void store(T* p, Vec<T> v) {
  std::memcpy(p, &v, sizeof v);
}

/**
 * e^x = scale·(1 + poly) with scale = 2ⁿ, n = round(x/ln 2), poly = e^r − 1 for r = x − n·ln 2
 * (|r| ≤ ln2/2, Cody–Waite split of ln 2; Taylor terms to r¹³ in float64, r⁷ in float32). x is
 * clamped to the dtype's finite range of 2ⁿ (NaN passes through into poly).
 */
template <typename T>
inline void expParts(Vec<T> x, Vec<T>& scale, Vec<T>& poly) {
  using L = Lanes<T>;
  using VI = typename L::VI;
  x = x < L::low ? splat<T>(L::low) : x;
  x = x > L::high ? splat<T>(L::high) : x;
  const Vec<T> shifter = splat<T>(L::shifter);
  const Vec<T> t = x * T(1.4426950408889634) + shifter;
  const Vec<T> n = t - shifter;
  const Vec<T> r = (x - n * L::ln2High) - n * L::ln2Low;
  const VI exponent = (((VI)t - (VI)shifter) + L::bias) << L::mantissa;
  scale = (Vec<T>)exponent;
  Vec<T> p;
  if constexpr (sizeof(T) == 8) {
    p = splat<T>(1.0 / 6227020800.0);
    for (double coefficient : {1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
                               1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0,
                               1.0 / 6.0, 0.5, 1.0})
      p = p * r + coefficient;
  } else {
    p = splat<T>(1.0f / 5040.0f);
    for (float coefficient : {1.0f / 720.0f, 1.0f / 120.0f, 1.0f / 24.0f, 1.0f / 6.0f, 0.5f, 1.0f})
      p = p * r + coefficient;
  }
  poly = p * r;
}

/** σ(v) = 1/(1 + e^{−v}). */
template <typename T>
inline Vec<T> sigmoid(Vec<T> v) {
  Vec<T> scale, poly;
  expParts<T>(-v, scale, poly);
  return T(1) / (T(1) + (scale + scale * poly));
}

/** tanh(v) = m/(m + 2) with m = e^{2v} − 1 as 2ⁿ·poly + (2ⁿ − 1) (exact near 0); ±1 where saturated. */
template <typename T>
inline Vec<T> tanhOf(Vec<T> v) {
  Vec<T> scale, poly;
  expParts<T>(v + v, scale, poly);
  const Vec<T> m = scale * poly + (scale - T(1));
  const Vec<T> t = m / (m + T(2));
  const T limit = Lanes<T>::saturated;
  return v > limit ? splat<T>(1) : v < -limit ? splat<T>(-1) : t;
}

/**
 * Calls body(j, count, loadAt, storeAt) for the blocks of a row of `hidden` units: count = W for full
 * blocks, fewer for the tail, which goes through zero-padded buffers so it runs the same vector code.
 */
template <typename T, typename Body>
inline void blocks(long hidden, Body body) {
  for (long j = 0; j < hidden; j += W<T>) body(j, hidden - j < W<T> ? hidden - j : W<T>);
}

/** Loads `count` ≤ W elements (zero-padded). */
template <typename T>
inline Vec<T> loadSome(const T* p, long count) {
  if (count == W<T>) return load(p);
  T buffer[W<T>] = {};
  std::memcpy(buffer, p, count * sizeof(T));
  return load(buffer);
}

template <typename T>
inline void storeSome(T* p, Vec<T> v, long count) {
  if (count == W<T>) return store(p, v);
  T buffer[W<T>];
  store(buffer, v);
  std::memcpy(p, buffer, count * sizeof(T));
}

}  // namespace
