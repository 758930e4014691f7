// 2×2 max pooling at stride 2 (the CNN's) and its transpose in AVX-512 (built with the GEMM's flags):
// up to one vector of outputs per row chunk, both input rows split into even and odd columns by
// permutes, the window taps compared in the generic kernel's order (first tap, then a larger value or
// a NaN replaces), so the values and positions equal pool.cc's for every input, ties included.
#include <immintrin.h>

#include <algorithm>

#include "conv.h"

namespace gradus {
namespace {

/** A vector of T and its mask and index types. */
template <typename T>
struct Lanes;

template <>
struct Lanes<float> {
  using Vector = __m512;
  using Mask = __mmask16;
  static constexpr long kCount = 16;
  static Vector load(Mask m, const float* p) { return _mm512_maskz_loadu_ps(m, p); }
  static void store(float* p, Mask m, Vector v) { _mm512_mask_storeu_ps(p, m, v); }
  static Vector even(Vector lo, Vector hi) {
    const __m512i index = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    return _mm512_permutex2var_ps(lo, index, hi);
  }
  static Vector odd(Vector lo, Vector hi) {
    const __m512i index = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    return _mm512_permutex2var_ps(lo, index, hi);
  }
  /** Lanes 0…7 of a and b interleaved (a₀ b₀ a₁ b₁ …), then lanes 8…15. */
  static Vector low(Vector a, Vector b) {
    const __m512i index = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    return _mm512_permutex2var_ps(a, index, b);
  }
  static Vector high(Vector a, Vector b) {
    const __m512i index =
        _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
    return _mm512_permutex2var_ps(a, index, b);
  }
  static Mask replaces(Vector value, Vector best) {
    return _mm512_cmp_ps_mask(value, best, _CMP_GT_OQ) |
           _mm512_cmp_ps_mask(value, value, _CMP_UNORD_Q);
  }
  static Vector pick(Vector best, Mask m, Vector value) { return _mm512_mask_mov_ps(best, m, value); }
  static Vector keep(Mask m, Vector value) { return _mm512_maskz_mov_ps(m, value); }
  /** 2j for the chunk's lanes, as 32-bit integers (in a 512-bit register for floats). */
  using Index = __m512i;
  static Index columns(long j0) {
    return _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(2 * j0)),
                            _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26,
                                              28, 30));
  }
  static Index plus(Index a, int b) { return _mm512_add_epi32(a, _mm512_set1_epi32(b)); }
  static Index choose(Index at, Mask m, Index value) { return _mm512_mask_mov_epi32(at, m, value); }
  static void storeIndex(int* p, Mask m, Index v) { _mm512_mask_storeu_epi32(p, m, v); }
  static Index loadIndex(Mask m, const int* p) { return _mm512_maskz_loadu_epi32(m, p); }
  static Mask equal(Index a, Index b) { return _mm512_cmpeq_epi32_mask(a, b); }
};

template <>
struct Lanes<double> {
  using Vector = __m512d;
  using Mask = __mmask8;
  static constexpr long kCount = 8;
  static Vector load(Mask m, const double* p) { return _mm512_maskz_loadu_pd(m, p); }
  static void store(double* p, Mask m, Vector v) { _mm512_mask_storeu_pd(p, m, v); }
  static Vector even(Vector lo, Vector hi) {
    return _mm512_permutex2var_pd(lo, _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), hi);
  }
  static Vector odd(Vector lo, Vector hi) {
    return _mm512_permutex2var_pd(lo, _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15), hi);
  }
  static Vector low(Vector a, Vector b) {
    return _mm512_permutex2var_pd(a, _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11), b);
  }
  static Vector high(Vector a, Vector b) {
    return _mm512_permutex2var_pd(a, _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15), b);
  }
  static Mask replaces(Vector value, Vector best) {
    return _mm512_cmp_pd_mask(value, best, _CMP_GT_OQ) |
           _mm512_cmp_pd_mask(value, value, _CMP_UNORD_Q);
  }
  static Vector pick(Vector best, Mask m, Vector value) { return _mm512_mask_mov_pd(best, m, value); }
  static Vector keep(Mask m, Vector value) { return _mm512_maskz_mov_pd(m, value); }
  using Index = __m256i;
  static Index columns(long j0) {
    return _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(2 * j0)),
                            _mm256_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14));
  }
  static Index plus(Index a, int b) { return _mm256_add_epi32(a, _mm256_set1_epi32(b)); }
  static Index choose(Index at, Mask m, Index value) { return _mm256_mask_mov_epi32(at, m, value); }
  static void storeIndex(int* p, Mask m, Index v) { _mm256_mask_storeu_epi32(p, m, v); }
  static Index loadIndex(Mask m, const int* p) { return _mm256_maskz_loadu_epi32(m, p); }
  static Mask equal(Index a, Index b) { return _mm256_cmpeq_epi32_mask(a, b); }
};

template <typename Mask>
Mask firstLanes(long count) {
  return static_cast<Mask>(count <= 0 ? 0 : count >= 16 ? 0xFFFF : (1u << count) - 1);
}

/** Output columns [j0, j0 + count) of one output row: rows r0, r1 of the input start at `top`, `below`. */
template <typename T>
inline void poolChunk(const T* r0, const T* r1, long j0, long count, int top, int below, T* dst,
                      int* where) {
  using L = Lanes<T>;
  using Mask = typename L::Mask;
  const Mask lo = firstLanes<Mask>(2 * count), hi = firstLanes<Mask>(2 * count - L::kCount);
  const T* p0 = r0 + 2 * j0;
  const T* p1 = r1 + 2 * j0;
  const auto x0 = L::load(lo, p0), x1 = L::load(hi, p0 + L::kCount);
  const auto y0 = L::load(lo, p1), y1 = L::load(hi, p1 + L::kCount);
  const auto column = L::columns(j0);
  auto best = L::even(x0, x1);
  auto at = L::plus(column, top);
  const auto b = L::odd(x0, x1), c = L::even(y0, y1), d = L::odd(y0, y1);
  Mask take = L::replaces(b, best);
  best = L::pick(best, take, b);
  at = L::choose(at, take, L::plus(column, top + 1));
  take = L::replaces(c, best);
  best = L::pick(best, take, c);
  at = L::choose(at, take, L::plus(column, below));
  take = L::replaces(d, best);
  best = L::pick(best, take, d);
  at = L::choose(at, take, L::plus(column, below + 1));
  const Mask m = firstLanes<Mask>(count);
  L::store(dst + j0, m, best);
  L::storeIndex(where + j0, m, at);
}

/** The transpose: each window's four positions get y at its maximum's position and 0 elsewhere. */
template <typename T>
inline void unpoolChunk(const T* y, const int* where, long j0, long count, int top, int below,
                        T* r0, T* r1) {
  using L = Lanes<T>;
  using Mask = typename L::Mask;
  const Mask m = firstLanes<Mask>(count);
  const auto value = L::load(m, y + j0);
  const auto at = L::loadIndex(m, where + j0);
  const auto column = L::columns(j0);
  const auto a = L::keep(L::equal(at, L::plus(column, top)), value);
  const auto b = L::keep(L::equal(at, L::plus(column, top + 1)), value);
  const auto c = L::keep(L::equal(at, L::plus(column, below)), value);
  const auto d = L::keep(L::equal(at, L::plus(column, below + 1)), value);
  const Mask lo = firstLanes<Mask>(2 * count), hi = firstLanes<Mask>(2 * count - L::kCount);
  L::store(r0 + 2 * j0, lo, L::low(a, b));
  L::store(r0 + 2 * j0 + L::kCount, hi, L::high(a, b));
  L::store(r1 + 2 * j0, lo, L::low(c, d));
  L::store(r1 + 2 * j0 + L::kCount, hi, L::high(c, d));
}

template <typename T>
void pool2x2(const T* x, const PoolGeometry& g, long first, long end, T* out, int* indices) {
  const long width = g.width, outPlane = g.outHeight * g.outWidth, inPlane = g.height * width;
  for (long plane = first; plane < end; ++plane)
    for (long i = 0; i < g.outHeight; ++i) {
      const T* r0 = x + plane * inPlane + 2 * i * width;
      const long row = plane * outPlane + i * g.outWidth;
      const int top = static_cast<int>(2 * i * width), below = static_cast<int>(top + width);
      for (long j = 0; j < g.outWidth; j += Lanes<T>::kCount)
        poolChunk(r0, r0 + width, j, std::min(Lanes<T>::kCount, g.outWidth - j), top, below,
                  out + row, indices + row);
    }
}

template <typename T>
void unpool2x2(const T* y, const int* indices, const PoolGeometry& g, long first, long end,
               T* out) {
  const long width = g.width, outPlane = g.outHeight * g.outWidth, inPlane = g.height * width;
  for (long plane = first; plane < end; ++plane) {
    T* dst = out + plane * inPlane;
    for (long i = 0; i < g.outHeight; ++i) {
      T* r0 = dst + 2 * i * width;
      const long row = plane * outPlane + i * g.outWidth;
      const int top = static_cast<int>(2 * i * width), below = static_cast<int>(top + width);
      for (long j = 0; j < g.outWidth; j += Lanes<T>::kCount)
        unpoolChunk(y + row, indices + row, j, std::min(Lanes<T>::kCount, g.outWidth - j), top,
                    below, r0, r0 + width);
      // an odd width leaves a last column outside every window
      if (width > 2 * g.outWidth) r0[width - 1] = r0[2 * width - 1] = T(0);
    }
    // an odd height leaves a last row outside every window
    for (long k = 2 * g.outHeight * width; k < inPlane; ++k) dst[k] = T(0);
  }
}

}  // namespace

void maxPool2x2Avx512(const float* x, const PoolGeometry& g, long first, long end, float* out,
                      int* indices) {
  pool2x2(x, g, first, end, out, indices);
}
void maxPool2x2Avx512(const double* x, const PoolGeometry& g, long first, long end, double* out,
                      int* indices) {
  pool2x2(x, g, first, end, out, indices);
}
void maxUnpool2x2Avx512(const float* y, const int* indices, const PoolGeometry& g, long first,
                        long end, float* out) {
  unpool2x2(y, indices, g, first, end, out);
}
void maxUnpool2x2Avx512(const double* y, const int* indices, const PoolGeometry& g, long first,
                        long end, double* out) {
  unpool2x2(y, indices, g, first, end, out);
}

}  // namespace gradus
