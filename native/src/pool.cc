// Pooling kernels (the js reference's rules): window maxima with positions, window means and their
// transpose. Planes are independent, so threading over them gives the same bits for any thread count.
#include <algorithm>
#include <cmath>
#include <limits>

#include "conv.h"
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

}  // namespace

template <typename T>
void maxPool2d(const T* x, const PoolGeometry& g, T* out, int* indices) {
  const long outPlane = g.outHeight * g.outWidth, inPlane = g.height * g.width;
  overPlanes(g, [&](long plane) {
    const T* src = x + plane * inPlane;
    T* dst = out + plane * outPlane;
    int* where = indices + plane * outPlane;
    for (long i = 0; i < g.outHeight; ++i)
      for (long j = 0; j < g.outWidth; ++j) {
        T best = -std::numeric_limits<T>::infinity();
        long at = -1;
        for (long a = 0; a < g.kernelHeight; ++a) {
          const long h = i * g.strideHeight - g.padTop + a * g.dilationHeight;
          if (h < 0 || h >= g.height) continue;
          for (long b = 0; b < g.kernelWidth; ++b) {
            const long w = j * g.strideWidth - g.padLeft + b * g.dilationWidth;
            if (w < 0 || w >= g.width) continue;
            const T value = src[h * g.width + w];
            if (at < 0 || value > best || std::isnan(value)) best = value, at = h * g.width + w;
          }
        }
        dst[i * g.outWidth + j] = best;
        where[i * g.outWidth + j] = static_cast<int>(at);
      }
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
template void avgPool2d<float>(const float*, const PoolGeometry&, bool, float*);
template void avgPool2d<double>(const double*, const PoolGeometry&, bool, double*);
template void avgPool2dTranspose<float>(const float*, const PoolGeometry&, bool, float*);
template void avgPool2dTranspose<double>(const double*, const PoolGeometry&, bool, double*);

}  // namespace gradus
