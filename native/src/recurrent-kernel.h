// The recurrent step kernels written once with GCC vector extensions, float32 in float32 lanes and
// float64 in float64 lanes; each ISA's .cc includes this with its VBYTES under its own flags. Built
// with -ffp-contract=off: every lane does the same IEEE operations in the same order, so all ISAs (and
// full blocks and tails) give the same bits; the float64 backward kernels, free of transcendentals,
// equal the js reference bit for bit.
#include <cstring>

#include "recurrent-math.h"
#include "recurrent.h"

namespace {

inline bool isActive(const gradus::StepRows& at, long row) {
  return at.lengths == nullptr || at.step < at.lengths[row];
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
