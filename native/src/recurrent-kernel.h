// The recurrent step kernels written once with GCC vector extensions, float32 in float32 lanes and
// float64 in float64 lanes; each ISA's .cc includes this with its VBYTES under its own flags. Built
// with -ffp-contract=off: every lane does the same IEEE operations in the same order, so all ISAs (and
// full blocks and tails) give the same bits; the float64 backward kernels, free of transcendentals,
// equal the js reference bit for bit.
#include <cstring>
#include <initializer_list>

#include "recurrent.h"

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

inline bool isActive(const gradus::StepRows& at, long row) {
  return at.lengths == nullptr || at.step < at.lengths[row];
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

template <typename T>
void lstmStep(const gradus::LstmStepArgs<T>& a) {
  const long R = a.at.rows, H = a.at.hidden;
  for (long n = 0; n < R; ++n) {
    const T *hPrev = a.h + n * H, *cPrev = a.c + n * H;
    T *hNew = a.h + (R + n) * H, *cNew = a.c + (R + n) * H;
    T* keep = a.saved == nullptr ? nullptr : a.saved + n * 5 * H;
    if (!isActive(a.at, n)) {
      std::memcpy(hNew, hPrev, H * sizeof(T));
      std::memcpy(cNew, cPrev, H * sizeof(T));
      if (keep != nullptr) std::memset(keep, 0, 5 * H * sizeof(T));
      continue;
    }
    const T *x = a.x + n * 4 * H, *p = a.product + n * 4 * H;
    blocks<T>(H, [&](long j, long count) {
      auto pre = [&](long gate) { return loadSome(x + gate * H + j, count) + loadSome(p + gate * H + j, count); };
      const Vec<T> i = sigmoid<T>(pre(0)), f = sigmoid<T>(pre(1)), g = tanhOf<T>(pre(2)), o = sigmoid<T>(pre(3));
      const Vec<T> cell = f * loadSome(cPrev + j, count) + i * g;
      const Vec<T> tanhCell = tanhOf<T>(cell);
      storeSome(cNew + j, cell, count);
      storeSome(hNew + j, o * tanhCell, count);
      if (keep == nullptr) return;
      const Vec<T> parts[5] = {i, f, g, o, tanhCell};
      for (long k = 0; k < 5; ++k) storeSome(keep + k * H + j, parts[k], count);
    });
  }
}

template <typename T>
void lstmStepBackward(const gradus::LstmStepBackwardArgs<T>& a) {
  const long R = a.at.rows, H = a.at.hidden;
  for (long n = 0; n < R; ++n) {
    T *dhPrev = a.dh + n * H, *dcPrev = a.dc + n * H;
    const T *dhNew = a.dh + (R + n) * H, *dcNew = a.dc + (R + n) * H;
    const T* rec = a.recurrent == nullptr ? nullptr : a.recurrent + n * H;
    T* out = a.dGates + n * 4 * H;
    const bool active = isActive(a.at, n);
    if (!active) std::memset(out, 0, 4 * H * sizeof(T));
    const T* keep = a.saved + n * 5 * H;
    blocks<T>(H, [&](long j, long count) {
      const Vec<T> dH = loadSome(dhNew + j, count) + (rec == nullptr ? splat<T>(0) : loadSome(rec + j, count));
      if (!active) {
        storeSome(dhPrev + j, loadSome(dhPrev + j, count) + dH, count);
        storeSome(dcPrev + j, loadSome(dcPrev + j, count) + loadSome(dcNew + j, count), count);
        return;
      }
      const Vec<T> i = loadSome(keep + j, count), f = loadSome(keep + H + j, count);
      const Vec<T> g = loadSome(keep + 2 * H + j, count), o = loadSome(keep + 3 * H + j, count);
      const Vec<T> tanhCell = loadSome(keep + 4 * H + j, count);
      const Vec<T> dCell = loadSome(dcNew + j, count) + dH * o * (T(1) - tanhCell * tanhCell);
      storeSome(dcPrev + j, loadSome(dcPrev + j, count) + dCell * f, count);
      storeSome(out + j, dCell * g * i * (T(1) - i), count);
      storeSome(out + H + j, dCell * loadSome(a.c + n * H + j, count) * f * (T(1) - f), count);
      storeSome(out + 2 * H + j, dCell * i * (T(1) - g * g), count);
      storeSome(out + 3 * H + j, dH * tanhCell * o * (T(1) - o), count);
    });
  }
}

template <typename T>
void gruStep(const gradus::GruStepArgs<T>& a) {
  const long R = a.at.rows, H = a.at.hidden;
  for (long n = 0; n < R; ++n) {
    const T* hPrev = a.h + n * H;
    T* hNew = a.h + (R + n) * H;
    T* keep = a.saved == nullptr ? nullptr : a.saved + n * 4 * H;
    if (!isActive(a.at, n)) {
      std::memcpy(hNew, hPrev, H * sizeof(T));
      if (keep != nullptr) std::memset(keep, 0, 4 * H * sizeof(T));
      continue;
    }
    const T *x = a.x + n * 3 * H, *p = a.product + n * 3 * H;
    blocks<T>(H, [&](long j, long count) {
      auto hidden = [&](long gate) {
        const Vec<T> product = loadSome(p + gate * H + j, count);
        return a.bias == nullptr ? product : product + loadSome(a.bias + gate * H + j, count);
      };
      const Vec<T> hiddenNew = hidden(2);
      const Vec<T> r = sigmoid<T>(loadSome(x + j, count) + hidden(0));
      const Vec<T> z = sigmoid<T>(loadSome(x + H + j, count) + hidden(1));
      const Vec<T> candidate = tanhOf<T>(loadSome(x + 2 * H + j, count) + r * hiddenNew);
      storeSome(hNew + j, candidate + z * (loadSome(hPrev + j, count) - candidate), count);
      if (keep == nullptr) return;
      const Vec<T> parts[4] = {r, z, candidate, hiddenNew};
      for (long k = 0; k < 4; ++k) storeSome(keep + k * H + j, parts[k], count);
    });
  }
}

template <typename T>
void gruStepBackward(const gradus::GruStepBackwardArgs<T>& a) {
  const long R = a.at.rows, H = a.at.hidden;
  for (long n = 0; n < R; ++n) {
    T* dhPrev = a.dh + n * H;
    const T* dhNew = a.dh + (R + n) * H;
    const T* rec = a.recurrent == nullptr ? nullptr : a.recurrent + n * H;
    T *dx = a.dx + n * 3 * H, *dp = a.dProduct + n * 3 * H;
    const bool active = isActive(a.at, n);
    if (!active) {
      std::memset(dx, 0, 3 * H * sizeof(T));
      std::memset(dp, 0, 3 * H * sizeof(T));
    }
    const T* keep = a.saved + n * 4 * H;
    blocks<T>(H, [&](long j, long count) {
      const Vec<T> dH = loadSome(dhNew + j, count) + (rec == nullptr ? splat<T>(0) : loadSome(rec + j, count));
      if (!active) return storeSome(dhPrev + j, loadSome(dhPrev + j, count) + dH, count);
      const Vec<T> r = loadSome(keep + j, count), z = loadSome(keep + H + j, count);
      const Vec<T> candidate = loadSome(keep + 2 * H + j, count), hiddenNew = loadSome(keep + 3 * H + j, count);
      storeSome(dhPrev + j, loadSome(dhPrev + j, count) + dH * z, count);
      const Vec<T> dCandidate = dH * (T(1) - z) * (T(1) - candidate * candidate);
      const Vec<T> dz = dH * (loadSome(a.h + n * H + j, count) - candidate) * z * (T(1) - z);
      const Vec<T> dr = dCandidate * hiddenNew * r * (T(1) - r);
      storeSome(dx + j, dr, count);
      storeSome(dp + j, dr, count);
      storeSome(dx + H + j, dz, count);
      storeSome(dp + H + j, dz, count);
      storeSome(dx + 2 * H + j, dCandidate, count);
      storeSome(dp + 2 * H + j, dCandidate * r, count);
    });
  }
}

template <typename T>
void rnnStep(const gradus::RnnStepArgs<T>& a) {
  const long R = a.at.rows, H = a.at.hidden;
  for (long n = 0; n < R; ++n) {
    T* hNew = a.h + (R + n) * H;
    if (!isActive(a.at, n)) {
      std::memcpy(hNew, a.h + n * H, H * sizeof(T));
      continue;
    }
    blocks<T>(H, [&](long j, long count) {
      const Vec<T> pre = loadSome(a.x + n * H + j, count) + loadSome(a.product + n * H + j, count);
      // NOTE: relu lets NaN through, as the relu kernel does
      const Vec<T> value = a.relu ? ((pre > T(0)) | (pre != pre) ? pre : splat<T>(0)) : tanhOf<T>(pre);
      storeSome(hNew + j, value, count);
    });
  }
}

template <typename T>
void rnnStepBackward(const gradus::RnnStepBackwardArgs<T>& a) {
  const long R = a.at.rows, H = a.at.hidden;
  for (long n = 0; n < R; ++n) {
    T* dhPrev = a.dh + n * H;
    const T *dhNew = a.dh + (R + n) * H, *hNew = a.h + (R + n) * H;
    const T* rec = a.recurrent == nullptr ? nullptr : a.recurrent + n * H;
    const bool active = isActive(a.at, n);
    blocks<T>(H, [&](long j, long count) {
      const Vec<T> dH = loadSome(dhNew + j, count) + (rec == nullptr ? splat<T>(0) : loadSome(rec + j, count));
      if (!active) {
        storeSome(dhPrev + j, loadSome(dhPrev + j, count) + dH, count);
        return storeSome(a.dPre + n * H + j, splat<T>(0), count);
      }
      const Vec<T> value = loadSome(hNew + j, count);
      const Vec<T> slope = a.relu ? (value > T(0) ? splat<T>(1) : splat<T>(0)) : T(1) - value * value;
      storeSome(a.dPre + n * H + j, dH * slope, count);
    });
  }
}

template <typename T>
gradus::RecurrentKernels<T> kernels() {
  return {lstmStep<T>, lstmStepBackward<T>, gruStep<T>, gruStepBackward<T>, rnnStep<T>, rnnStepBackward<T>};
}

}  // namespace
