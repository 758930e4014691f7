// Pooling kernels (the js reference's rules): window maxima with positions, window means and their
// transpose. Planes are independent, so threading over them gives the same bits for any thread count.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "conv.h"
#include "gemm.h"
#include "thread-pool.h"

namespace gradus {
namespace {

// Planes per task, and the element count below which one thread does all the work.
constexpr long kPlanesPerTask = 8;
constexpr long kParallelElements = 1 << 16;

template <typename F>
void overPlanes(const PoolGeometry& g, const F& plane) {
  const long tasks = (g.planes + kPlanesPerTask - 1) / kPlanesPerTask;
  auto task = [&](long index) {
    const long end = std::min(g.planes, (index + 1) * kPlanesPerTask);
    for (long p = index * kPlanesPerTask; p < end; ++p) plane(p);
  };
  if (g.planes * g.height * g.width < kParallelElements || numThreads() == 1 || tasks == 1) {
    for (long i = 0; i < tasks; ++i) task(i);
  } else {
    parallelFor(tasks, task);
  }
}

/** Window (i, j)'s divisor (PyTorch's rule, as src/backend/js/pool.ts). */
long divisor(const PoolGeometry& g, bool countIncludePad, long i, long j) {
  const long top = i * g.strideHeight - g.padTop, left = j * g.strideWidth - g.padLeft;
  const long bottom = std::min(top + g.kernelHeight, g.height + g.padTop);
  const long right = std::min(left + g.kernelWidth, g.width + g.padLeft);
  if (countIncludePad) return (bottom - top) * (right - left);
  return (std::min(bottom, g.height) - std::max(top, 0L)) *
         (std::min(right, g.width) - std::max(left, 0L));
}

/**
 * Whether the windows are 2×2 at stride 2 without padding, all inside the input (no ceil-mode
 * overhang: the CNN's pooling), and the CPU runs the GEMM's AVX-512 code: then pool-avx512.cc's
 * vector kernels take the planes.
 */
bool isVector2x2(const PoolGeometry& g) {
  static const bool avx512 = std::strcmp(gemmIsa(), "avx512") == 0;
  return avx512 && g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideHeight == 2 &&
         g.strideWidth == 2 && g.padTop == 0 && g.padLeft == 0 && g.dilationHeight == 1 &&
         g.dilationWidth == 1 && 2 * g.outHeight <= g.height && 2 * g.outWidth <= g.width;
}

}  // namespace

/**
 * best, at ← value, position when value > best or value is NaN (PyTorch's rule), without a branch:
 * on random data a branch here mispredicts half the time.
 */
inline void keepMaximum(float value, long position, float& best, long& at) {
#if defined(__SSE2__)
  const __m128 v = _mm_set_ss(value), b = _mm_set_ss(best);
  const __m128 take = _mm_or_ps(_mm_cmpgt_ss(v, b), _mm_cmpunord_ss(v, v));
  best = _mm_cvtss_f32(_mm_or_ps(_mm_and_ps(take, v), _mm_andnot_ps(take, b)));
  const long mask = _mm_cvtsi128_si32(_mm_castps_si128(take));  // −1 or 0
  at = (at & ~mask) | (position & mask);
#else
  if (value > best || value != value) best = value, at = position;
#endif
}

inline void keepMaximum(double value, long position, double& best, long& at) {
#if defined(__SSE2__)
  const __m128d v = _mm_set_sd(value), b = _mm_set_sd(best);
  const __m128d take = _mm_or_pd(_mm_cmpgt_sd(v, b), _mm_cmpunord_sd(v, v));
  best = _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(take, v), _mm_andnot_pd(take, b)));
  const long mask = _mm_cvtsi128_si32(_mm_castpd_si128(take));  // −1 or 0
  at = (at & ~mask) | (position & mask);
#else
  if (value > best || value != value) best = value, at = position;
#endif
}

/** The taps [first, end) of a window starting at `start` (step `dilation`) that land inside [0, size). */
void taps(long start, long kernel, long dilation, long size, long& first, long& end) {
  first = 0;
  while (first < kernel && start + first * dilation < 0) ++first;
  end = kernel;
  while (end > first && start + (end - 1) * dilation >= size) --end;
}

template <typename T>
void maxPool2d(const T* x, const PoolGeometry& g, T* out, int* indices) {
  if (isVector2x2(g))
    return overPlanes(g, [&](long p) { maxPool2x2Avx512(x, g, p, p + 1, out, indices); });
  const long outPlane = g.outHeight * g.outWidth, inPlane = g.height * g.width;
  std::vector<long> a0(g.outHeight), a1(g.outHeight), b0(g.outWidth), b1(g.outWidth);
  for (long i = 0; i < g.outHeight; ++i)
    taps(i * g.strideHeight - g.padTop, g.kernelHeight, g.dilationHeight, g.height, a0[i], a1[i]);
  for (long j = 0; j < g.outWidth; ++j)
    taps(j * g.strideWidth - g.padLeft, g.kernelWidth, g.dilationWidth, g.width, b0[j], b1[j]);
  overPlanes(g, [&](long plane) {
    const T* src = x + plane * inPlane;
    T* dst = out + plane * outPlane;
    int* where = indices + plane * outPlane;
    for (long i = 0; i < g.outHeight; ++i) {
      const long top = i * g.strideHeight - g.padTop;
      for (long j = 0; j < g.outWidth; ++j) {
        const long left = j * g.strideWidth - g.padLeft;
        // the first tap inside the image starts the search (PyTorch: −∞ and that position); then
        // a larger value or a NaN replaces the maximum
        long at = (top + a0[i] * g.dilationHeight) * g.width + left + b0[j] * g.dilationWidth;
        T best = src[at];
        for (long a = a0[i]; a < a1[i]; ++a) {
          const long row = (top + a * g.dilationHeight) * g.width + left;
          for (long b = a == a0[i] ? b0[j] + 1 : b0[j]; b < b1[j]; ++b)
            keepMaximum(src[row + b * g.dilationWidth], row + b * g.dilationWidth, best, at);
        }
        dst[i * g.outWidth + j] = best;
        where[i * g.outWidth + j] = static_cast<int>(at);
      }
    }
  });
}

template <typename T>
void maxUnpool2d(const T* y, const int* indices, const PoolGeometry& g, T* out) {
  if (isVector2x2(g))
    return overPlanes(g, [&](long p) { maxUnpool2x2Avx512(y, indices, g, p, p + 1, out); });
  const long outPlane = g.outHeight * g.outWidth, inPlane = g.height * g.width;
  overPlanes(g, [&](long plane) {
    T* dst = out + plane * inPlane;
    std::fill(dst, dst + inPlane, T(0));
    const T* src = y + plane * outPlane;
    const int* where = indices + plane * outPlane;
    for (long k = 0; k < outPlane; ++k) dst[where[k]] += src[k];
  });
}

template <typename T>
void avgPool2d(const T* x, const PoolGeometry& g, bool countIncludePad, T* out) {
  const long outPlane = g.outHeight * g.outWidth, inPlane = g.height * g.width;
  overPlanes(g, [&](long plane) {
    const T* src = x + plane * inPlane;
    T* dst = out + plane * outPlane;
    for (long i = 0; i < g.outHeight; ++i)
      for (long j = 0; j < g.outWidth; ++j) {
        const long top = i * g.strideHeight - g.padTop, left = j * g.strideWidth - g.padLeft;
        const long h1 = std::min(top + g.kernelHeight, g.height);
        const long w1 = std::min(left + g.kernelWidth, g.width);
        double sum = 0;
        for (long h = std::max(top, 0L); h < h1; ++h)
          for (long w = std::max(left, 0L); w < w1; ++w) sum += src[h * g.width + w];
        dst[i * g.outWidth + j] = static_cast<T>(sum / divisor(g, countIncludePad, i, j));
      }
  });
}

template <typename T>
void avgPool2dTranspose(const T* y, const PoolGeometry& g, bool countIncludePad, T* out) {
  const long outPlane = g.outHeight * g.outWidth, inPlane = g.height * g.width;
  auto covering = [](long position, long kernel, long stride, long pad, long count, long& first,
                     long& end) {
    const long shifted = position + pad - kernel + 1;
    first = std::max(0L, shifted <= 0 ? 0 : (shifted + stride - 1) / stride);
    end = std::min(count, (position + pad) / stride + 1);
  };
  overPlanes(g, [&](long plane) {
    const T* src = y + plane * outPlane;
    T* dst = out + plane * inPlane;
    for (long h = 0; h < g.height; ++h) {
      long i0, i1;
      covering(h, g.kernelHeight, g.strideHeight, g.padTop, g.outHeight, i0, i1);
      for (long w = 0; w < g.width; ++w) {
        long j0, j1;
        covering(w, g.kernelWidth, g.strideWidth, g.padLeft, g.outWidth, j0, j1);
        double sum = 0;
        for (long i = i0; i < i1; ++i)
          for (long j = j0; j < j1; ++j)
            sum += src[i * g.outWidth + j] / double(divisor(g, countIncludePad, i, j));
        dst[h * g.width + w] = static_cast<T>(sum);
      }
    }
  });
}

template void maxPool2d<float>(const float*, const PoolGeometry&, float*, int*);
template void maxPool2d<double>(const double*, const PoolGeometry&, double*, int*);
template void maxUnpool2d<float>(const float*, const int*, const PoolGeometry&, float*);
template void maxUnpool2d<double>(const double*, const int*, const PoolGeometry&, double*);
template void avgPool2d<float>(const float*, const PoolGeometry&, bool, float*);
template void avgPool2d<double>(const double*, const PoolGeometry&, bool, double*);
template void avgPool2dTranspose<float>(const float*, const PoolGeometry&, bool, float*);
template void avgPool2dTranspose<double>(const double*, const PoolGeometry&, bool, double*);

}  // namespace gradus
