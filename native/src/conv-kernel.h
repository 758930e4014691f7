// Implicit-GEMM convolutions on the packed GEMM's register tile (gemm-kernel.h), written once and
// compiled per ISA like the GEMM: the im2col matrix is never built, its panels are packed straight
// from the image, and outputs are stored straight into NCHW (or added back into the image).
// Every output element is computed by one task in a fixed order, and the weight gradient's partial
// sums over fixed column chunks are added in chunk order: results do not depend on the thread count.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "conv.h"
#include "gemm-kernel.h"
#include "thread-pool.h"

namespace {

using gradus::ConvGeometry;

/** One grow-only, 64-byte aligned buffer per thread and role, with `VBYTES` of slack past the end. */
template <typename T>
T* convScratch(long count, int role) {
  static thread_local T* buffers[3] = {nullptr, nullptr, nullptr};
  static thread_local long sizes[3] = {0, 0, 0};
  if (sizes[role] < count) {
    std::free(buffers[role]);
    const long bytes = ((count * sizeof(T) + VBYTES + 63) / 64) * 64;
    buffers[role] = static_cast<T*>(std::aligned_alloc(64, bytes));
    sizes[role] = count;
  }
  return buffers[role];
}

/** C[MR, NR] = (bias row or 0) + A·B, or C += A·B when accumulating: the GEMM tile with a bias. */
template <typename T, int MR, int NV>
inline void tileKernel(long kc, const T* __restrict a, const T* __restrict b, T* c, long ldc,
                       const T* bias, bool accumulate) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  V acc[MR][NV];
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[r][v] = bias == nullptr ? V{} : V{} + bias[r];
  for (long p = 0; p < kc; ++p) {
    V bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) bv[v] = *reinterpret_cast<const V*>(b + v * L);
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
      const T scale = a[r];
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[r][v] += scale * bv[v];
    }
    a += MR;
    b += NV * L;
  }
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      T* dst = c + r * ldc + v * L;
      storeUnaligned<V>(dst, accumulate ? loadUnaligned<V>(dst) + acc[r][v] : acc[r][v]);
    }
}

/** Columns [t, t + len) of a panel: sample n, output row i, output columns j … j + len − 1. */
struct Run {
  long n, i, j, t, len;
};

/** Splits `count` columns from `col` (col = (n·OH + i)·OW + j) into runs along output rows. */
inline int columnRuns(long col, long count, const ConvGeometry& g, Run* runs) {
  const long perSample = g.outHeight * g.outWidth;
  long n = col / perSample, i = (col % perSample) / g.outWidth, j = col % g.outWidth;
  int size = 0;
  for (long t = 0; t < count;) {
    const long len = std::min(count - t, g.outWidth - j);
    runs[size++] = {n, i, j, t, len};
    t += len;
    j = 0;
    if (++i == g.outHeight) i = 0, ++n;
  }
  return size;
}

/** The positions t in [0, len) with 0 ≤ start + t·step < extent, as [lo, hi). */
inline void validRange(long start, long step, long len, long extent, long& lo, long& hi) {
  lo = start >= 0 ? 0 : (-start + step - 1) / step;
  hi = start >= extent ? 0 : std::min(len, (extent - 1 - start) / step + 1);
  if (hi < lo) hi = lo;
}

/**
 * dst[0, count) = src[0, count·step) by step; with step 1 in whole vectors, which may write up to a
 * vector past dst + count (callers leave room and rewrite it) and read past src + count when that
 * stays below `end`.
 */
template <typename T>
inline void copyStrided(T* dst, const T* src, long count, long step, const T* end) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  if (step == 1 && src + count + L <= end) {
    for (long t = 0; t < count; t += L) storeUnaligned<V>(dst + t, loadUnaligned<V>(src + t));
    return;
  }
  for (long t = 0; t < count; ++t) dst[t] = src[t * step];
}

/** The B panel of the forward product: out[kk·NR + t] = im2col[k0 + kk][column t of `runs`]. */
template <typename T, int NR>
void packIm2col(const T* x, const T* end, const ConvGeometry& g, const Run* runs, int runCount,
                long count, long k0, long kc, T* out) {
  const long taps = g.kernelHeight * g.kernelWidth;
  const long plane = g.height * g.width, sample = g.inChannels * plane;
  long c = k0 / taps, a = (k0 / g.kernelWidth) % g.kernelHeight, b = k0 % g.kernelWidth;
  for (long kk = 0; kk < kc; ++kk) {
    T* row = out + kk * NR;
    for (int r = 0; r < runCount; ++r) {
      const Run& run = runs[r];
      T* dst = row + run.t;
      const long h = run.i * g.strideHeight - g.padTop + a * g.dilationHeight;
      if (h < 0 || h >= g.height) {
        std::fill(dst, dst + run.len, T(0));
        continue;
      }
      const long w0 = run.j * g.strideWidth - g.padLeft + b * g.dilationWidth;
      long lo, hi;
      validRange(w0, g.strideWidth, run.len, g.width, lo, hi);
      std::fill(dst, dst + lo, T(0));
      const T* src = x + run.n * sample + c * plane + h * g.width + w0;
      copyStrided(dst + lo, src + lo * g.strideWidth, hi - lo, g.strideWidth, end);
      std::fill(dst + hi, dst + run.len, T(0));
    }
    std::fill(row + count, row + NR, T(0));
    if (++b == g.kernelWidth) {
      b = 0;
      if (++a == g.kernelHeight) a = 0, ++c;
    }
  }
}

/** The B panel of the weight gradient: out[kk·NR + t] = im2col[k0 + t][col0 + kk] (t < kCount). */
template <typename T, int NR>
void packIm2colTransposed(const T* x, const ConvGeometry& g, long col0, long kc, long k0,
                          long kCount, T* out) {
  const long taps = g.kernelHeight * g.kernelWidth;
  const long plane = g.height * g.width, sample = g.inChannels * plane;
  long rowOffset[NR], colOffset[NR], planeOffset[NR];
  int offset[NR];
  for (long t = 0; t < kCount; ++t) {
    const long k = k0 + t;
    planeOffset[t] = (k / taps) * plane;
    rowOffset[t] = ((k / g.kernelWidth) % g.kernelHeight) * g.dilationHeight;
    colOffset[t] = (k % g.kernelWidth) * g.dilationWidth;
    offset[t] = static_cast<int>(planeOffset[t] + rowOffset[t] * g.width + colOffset[t]);
  }
  const long spanH = (g.kernelHeight - 1) * g.dilationHeight;
  const long spanW = (g.kernelWidth - 1) * g.dilationWidth;
  const long perSample = g.outHeight * g.outWidth;
  long n = col0 / perSample, i = (col0 % perSample) / g.outWidth, j = col0 % g.outWidth;
  for (long kk = 0; kk < kc; ++kk) {
    T* dst = out + kk * NR;
    const long h0 = i * g.strideHeight - g.padTop, w0 = j * g.strideWidth - g.padLeft;
    const T* base = x + n * sample;
    if (h0 >= 0 && h0 + spanH < g.height && w0 >= 0 && w0 + spanW < g.width) {
      const T* corner = base + h0 * g.width + w0;
      for (long t = 0; t < kCount; ++t) dst[t] = corner[offset[t]];
    } else {
      for (long t = 0; t < kCount; ++t) {
        const long h = h0 + rowOffset[t], w = w0 + colOffset[t];
        const bool inside = h >= 0 && h < g.height && w >= 0 && w < g.width;
        dst[t] = inside ? base[planeOffset[t] + h * g.width + w] : T(0);
      }
    }
    std::fill(dst + kCount, dst + NR, T(0));
    if (++j == g.outWidth) {
      j = 0;
      if (++i == g.outHeight) i = 0, ++n;
    }
  }
}

/** Adds a [rows, NR] tile of im2col-shaped values (rows k0 …) back into the image x (col2im). */
template <typename T, int NR>
void addIm2colTile(const T* tile, long rows, long k0, const Run* runs, int runCount,
                   const ConvGeometry& g, T* x) {
  const long taps = g.kernelHeight * g.kernelWidth;
  const long plane = g.height * g.width, sample = g.inChannels * plane;
  for (long r = 0; r < rows; ++r) {
    const long k = k0 + r, c = k / taps;
    const long a = (k / g.kernelWidth) % g.kernelHeight, b = k % g.kernelWidth;
    for (int q = 0; q < runCount; ++q) {
      const Run& run = runs[q];
      const long h = run.i * g.strideHeight - g.padTop + a * g.dilationHeight;
      if (h < 0 || h >= g.height) continue;
      const long w0 = run.j * g.strideWidth - g.padLeft + b * g.dilationWidth;
      long lo, hi;
      validRange(w0, g.strideWidth, run.len, g.width, lo, hi);
      T* dst = x + run.n * sample + c * plane + h * g.width + w0;
      const T* src = tile + r * NR + run.t;
      if (g.strideWidth == 1)
        for (long t = lo; t < hi; ++t) dst[t] += src[t];
      else
        for (long t = lo; t < hi; ++t) dst[t * g.strideWidth] += src[t];
    }
  }
}

// Below this many multiply-adds, waking workers costs more than it saves.
constexpr double kConvParallelWork = 1 << 18;

/** Runs task(i) for i < count on the pool when the work is large enough, else on this thread. */
template <typename F>
void runTasks(long count, double work, const F& task) {
  if (count <= 1 || work < kConvParallelWork || gradus::numThreads() == 1) {
    for (long i = 0; i < count; ++i) task(i);
    return;
  }
  gradus::parallelFor(count, task);
}

/** A depth block size ≤ maxBlock that splits `depth` into equal blocks. */
inline long balancedBlock(long depth, long maxBlock) {
  const long blocks = (depth + maxBlock - 1) / maxBlock;
  return (depth + blocks - 1) / blocks;
}

}  // namespace
