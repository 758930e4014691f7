// Gathered panels for the weight gradient (im2col transposed, from the padded image) and col2im:
// adding im2col-shaped tiles back into the image.
#pragma once
#include "conv-pack.h"

namespace {

/** dst[t] = base[offsets[t]] for t < NR: AVX-512 gathers, else a loop. */
template <int NR>
inline void gatherRow(float* dst, const float* base, const int* offsets) {
#if VBYTES == 64
  if constexpr (NR % 16 != 0) {
    for (int t = 0; t < NR; t += 8)
      _mm256_storeu_ps(dst + t, _mm256_i32gather_ps(base, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(offsets + t)), 4));
    return;
  }
#pragma GCC unroll 4
  for (int t = 0; t < NR; t += 16)
    _mm512_storeu_ps(dst + t, _mm512_i32gather_ps(_mm512_loadu_si512(offsets + t), base, 4));
#else
  for (int t = 0; t < NR; ++t) dst[t] = base[offsets[t]];
#endif
}

template <int NR>
inline void gatherRow(double* dst, const double* base, const int* offsets) {
#if VBYTES == 64
#pragma GCC unroll 4
  for (int t = 0; t < NR; t += 8)
    _mm512_storeu_pd(dst + t, _mm512_i32gather_pd(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(offsets + t)), base, 8));
#else
  for (int t = 0; t < NR; ++t) dst[t] = base[offsets[t]];
#endif
}

/**
 * The B panel of the weight gradient from the padded image: out[kk·NR + t] = im2col[k0 + t][col0 + kk]
 * for t < kCount (offsets[t]: tap k0 + t's place in a sample's padded planes), zero past kCount.
 */
template <typename T, int NR>
void packIm2colTransposed(const T* padded, const ConvGeometry& g, const PaddedImage& p, long col0,
                          long kc, const int* offsets, long kCount, T* out) {
  const long perSample = g.outHeight * g.outWidth, sample = g.inChannels * p.height * p.width;
  long n = col0 / perSample, i = (col0 % perSample) / g.outWidth, j = col0 % g.outWidth;
  for (long kk = 0; kk < kc; ++kk) {
    T* dst = out + kk * NR;
    gatherRow<NR>(dst, padded + n * sample + (i * g.strideHeight) * p.width + j * g.strideWidth, offsets);
    for (long t = kCount; t < NR; ++t) dst[t] = T(0);
    if (++j == g.outWidth) {
      j = 0;
      if (++i == g.outHeight) i = 0, ++n;
    }
  }
}

/** dst[t] += src[t] for t < count: whole vectors and one masked vector on AVX-512, else a loop. */
inline void addRun(float* dst, const float* src, long count) {
#if VBYTES == 64
  long t = 0;
  for (; t + 16 <= count; t += 16)
    _mm512_storeu_ps(dst + t, _mm512_add_ps(_mm512_loadu_ps(dst + t), _mm512_loadu_ps(src + t)));
  if (t < count) {
    const __mmask16 m = static_cast<__mmask16>((1u << (count - t)) - 1);
    _mm512_mask_storeu_ps(dst + t, m,
                          _mm512_add_ps(_mm512_maskz_loadu_ps(m, dst + t), _mm512_maskz_loadu_ps(m, src + t)));
  }
#else
  for (long t = 0; t < count; ++t) dst[t] += src[t];
#endif
}

inline void addRun(double* dst, const double* src, long count) {
#if VBYTES == 64
  long t = 0;
  for (; t + 8 <= count; t += 8)
    _mm512_storeu_pd(dst + t, _mm512_add_pd(_mm512_loadu_pd(dst + t), _mm512_loadu_pd(src + t)));
  if (t < count) {
    const __mmask8 m = static_cast<__mmask8>((1u << (count - t)) - 1);
    _mm512_mask_storeu_pd(dst + t, m,
                          _mm512_add_pd(_mm512_maskz_loadu_pd(m, dst + t), _mm512_maskz_loadu_pd(m, src + t)));
  }
#else
  for (long t = 0; t < count; ++t) dst[t] += src[t];
#endif
}

/**
 * Adds a [rows, NR] tile of im2col-shaped values (rows k0 …) back into the image x (col2im), with
 * the panel's tap table (tapRuns over x's geometry).
 */
template <typename T, int NR>
void addIm2colTile(const T* tile, long rows, long k0, const Run* runs, int runCount,
                   const TapRun* taps, const ConvGeometry& g, T* x) {
  const long tapCount = g.kernelHeight * g.kernelWidth, plane = g.height * g.width;
  for (long r = 0; r < rows; ++r) {
    const long k = k0 + r, c = k / tapCount, tap = k % tapCount;
    const TapRun* reads = taps + tap * runCount;
    T* channel = x + c * plane;
    for (int q = 0; q < runCount; ++q) {
      const TapRun& read = reads[q];
      if (read.hi <= read.lo) continue;
      T* dst = channel + read.offset;
      const T* src = tile + r * NR + runs[q].t;
      if (g.strideWidth == 1)
        addRun(dst + read.lo, src + read.lo, read.hi - read.lo);
      else
        for (long t = read.lo; t < read.hi; ++t) dst[t * g.strideWidth] += src[t];
    }
  }
}

}  // namespace
