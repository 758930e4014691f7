// Implicit-GEMM convolutions on the packed GEMM's register tile (gemm-kernel.h), written once and
// compiled per ISA like the GEMM: the im2col matrix is never built, its panels are packed straight
// from the image, and outputs are stored straight into NCHW (or added back into the image).
// Every output element is computed by one task in a fixed order, and the weight gradient's partial
// sums over fixed column chunks are added in chunk order: results do not depend on the thread count.
#pragma once
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#if VBYTES == 64
#include <immintrin.h>
#endif

#include "conv.h"
#include "gemm-kernel.h"
#include "thread-pool.h"

namespace {

using gradus::ConvGeometry;

/**
 * One grow-only, 64-byte aligned buffer per thread and role, with `VBYTES` of slack past the end.
 * Roles 0–2 serve tasks; 3 and up the drivers on the calling thread (which also runs tasks).
 */
enum ScratchRole { kPanelB = 0, kPanelA = 1, kPanelC = 2, kImage = 3, kSums = 4, kWeights = 5, kFlipped = 6 };

template <typename T>
T* convScratch(long count, int role) {
  static thread_local T* buffers[7] = {};
  static thread_local long sizes[7] = {};
  if (sizes[role] < count) {
    std::free(buffers[role]);
    const long bytes = ((count * sizeof(T) + VBYTES + 63) / 64) * 64;
    buffers[role] = static_cast<T*>(std::aligned_alloc(64, bytes));
    sizes[role] = count;
  }
  return buffers[role];
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
  // NOTE: 64-bit division costs tens of cycles and this runs per run of every packed row
  if (step == 1) {
    lo = std::min(len, std::max(0L, -start));
    hi = std::max(lo, std::min(len, extent - start));
    return;
  }
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

/** Where one run reads for one kernel tap: its columns [lo, hi) start `offset` into a channel plane. */
struct TapRun {
  long offset, lo, hi;
};

/**
 * The reads of every tap (a, b) for every run of a panel: taps × runCount entries, shared by all
 * channels (only the plane changes), so the copy loop below does no index arithmetic.
 */
inline void tapRuns(const ConvGeometry& g, const Run* runs, int runCount, TapRun* out) {
  const long sample = g.inChannels * g.height * g.width;
  for (long a = 0; a < g.kernelHeight; ++a)
    for (long b = 0; b < g.kernelWidth; ++b)
      for (int r = 0; r < runCount; ++r, ++out) {
        const Run& run = runs[r];
        const long h = run.i * g.strideHeight - g.padTop + a * g.dilationHeight;
        const long w0 = run.j * g.strideWidth - g.padLeft + b * g.dilationWidth;
        if (h < 0 || h >= g.height) {
          *out = {0, 0, 0};
          continue;
        }
        validRange(w0, g.strideWidth, run.len, g.width, out->lo, out->hi);
        out->offset = run.n * sample + h * g.width + w0;
      }
}

/**
 * The B panel of the forward product: out[kk·NR + t] = im2col[k0 + kk][column t of `runs`], from
 * the tap table of tapRuns. Copies run in whole vectors that may spill past a run into the next one
 * (which rewrites it) and past the row (the caller leaves a vector of room).
 */
template <typename T, int NR>
void packIm2col(const T* x, const T* end, const ConvGeometry& g, const Run* runs, int runCount,
                const TapRun* taps, long count, long k0, long kc, T* out) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  const long tapCount = g.kernelHeight * g.kernelWidth, plane = g.height * g.width;
  long c = k0 / tapCount, tap = k0 % tapCount;
  const bool contiguous = g.strideWidth == 1;
  for (long kk = 0; kk < kc; ++kk) {
    T* row = out + kk * NR;
    const TapRun* reads = taps + tap * runCount;
    const T* channel = x + c * plane;
    for (int r = 0; r < runCount; ++r) {
      const Run& run = runs[r];
      const TapRun& read = reads[r];
      T* dst = row + run.t;
      const T* src = channel + read.offset;
      if (contiguous && src + read.hi + L <= end) {
        for (long t = read.lo; t < read.hi; t += L) storeUnaligned<V>(dst + t, loadUnaligned<V>(src + t));
      } else {
        for (long t = read.lo; t < read.hi; ++t) dst[t] = src[t * g.strideWidth];
      }
      for (long t = 0; t < read.lo; ++t) dst[t] = T(0);
      for (long t = read.hi; t < run.len; ++t) dst[t] = T(0);
    }
    for (long t = count; t < NR; ++t) row[t] = T(0);
    if (++tap == tapCount) tap = 0, ++c;
  }
}

/** A zero-padded copy of the input for stride-1 packing: every read of the forward product lands inside. */
struct PaddedImage {
  long height, width;  // rows and columns of each padded plane
};

/** The padded image's size: the rows and columns the output's windows reach. */
inline PaddedImage paddedSize(const ConvGeometry& g) {
  return {(g.outHeight - 1) * g.strideHeight + (g.kernelHeight - 1) * g.dilationHeight + 1,
          (g.outWidth - 1) * g.strideWidth + (g.kernelWidth - 1) * g.dilationWidth + 1};
}

/**
 * Copies planes [first, end) of x into `out` with padTop / padLeft zeros around (and zeros past x).
 * Rows are copied in whole vectors that spill into the next padded row (written after) or into a
 * vector of room past `out`; they read past a row of x only while that stays below `xEnd`.
 */
template <typename T>
void padPlanes(const T* x, const T* xEnd, const ConvGeometry& g, const PaddedImage& p, long first,
               long end, T* out) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  const long lo = std::min(p.width, std::max(0L, g.padLeft));
  const long hi = std::max(lo, std::min(p.width, g.padLeft + g.width));
  for (long plane = first; plane < end; ++plane) {
    const T* src = x + plane * g.height * g.width + (lo - g.padLeft);
    T* dst = out + plane * p.height * p.width;
    for (long r = 0; r < p.height; ++r, dst += p.width) {
      const long h = r - g.padTop;
      if (h < 0 || h >= g.height) {
        for (long t = 0; t < p.width; t += L) storeUnaligned<V>(dst + t, V{});
        continue;
      }
      const T* row = src + h * g.width;
      if (row + (hi - lo) + L <= xEnd) {
        for (long t = lo; t < hi; t += L) storeUnaligned<V>(dst + t, loadUnaligned<V>(row + t - lo));
      } else {
        for (long t = lo; t < hi; ++t) dst[t] = row[t - lo];
      }
      for (long t = 0; t < lo; ++t) dst[t] = T(0);
      for (long t = hi; t < p.width; ++t) dst[t] = T(0);
    }
  }
}

/** The zero-padded image (every plane of x in order) in this thread's kImage scratch, `extra` zeros past the end. */
template <typename T>
T* paddedImage(const T* x, const ConvGeometry& g, const PaddedImage& size, long extra) {
  const long planes = g.batch * g.inChannels, perTask = 64, total = planes * size.height * size.width;
  T* out = convScratch<T>(total + extra, kImage);
  std::fill(out + total, out + total + extra, T(0));
  const T* end = x + planes * g.height * g.width;
  runTasks((planes + perTask - 1) / perTask, double(total) * 16, [&](long index) {
    padPlanes(x, end, g, size, index * perTask, std::min(planes, (index + 1) * perTask), out);
  });
  return out;
}

/**
 * packIm2col for stride-1 columns from the padded image: each run is one contiguous copy (in whole
 * vectors, spilling into the next run or a vector of room past the panel), with no bounds to check.
 */
template <typename T, int NR>
void packPaddedIm2col(const T* padded, const ConvGeometry& g, const PaddedImage& p, const Run* runs,
                      int runCount, long count, long k0, long kc, T* out) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  const long taps = g.kernelHeight * g.kernelWidth, plane = p.height * p.width;
  long starts[NR + 1];
  for (int r = 0; r < runCount; ++r)
    starts[r] = (runs[r].n * g.inChannels * p.height + runs[r].i * g.strideHeight) * p.width + runs[r].j;
  long c = k0 / taps, a = (k0 / g.kernelWidth) % g.kernelHeight, b = k0 % g.kernelWidth;
  long targets[NR + 1];
  for (int r = 0; r < runCount; ++r) targets[r] = runs[r].t;
  const bool short_ = g.outWidth <= L;  // every run is one vector
  for (long kk = 0; kk < kc; ++kk) {
    T* row = out + kk * NR;
    const T* src = padded + c * plane + a * g.dilationHeight * p.width + b * g.dilationWidth;
    if (short_) {
      for (int r = 0; r < runCount; ++r)
        storeUnaligned<V>(row + targets[r], loadUnaligned<V>(src + starts[r]));
    } else {
      for (int r = 0; r < runCount; ++r) {
        T* dst = row + targets[r];
        const T* from = src + starts[r];
        for (long t = 0; t < runs[r].len; t += L) storeUnaligned<V>(dst + t, loadUnaligned<V>(from + t));
      }
    }
    for (long t = count; t < NR; ++t) row[t] = T(0);
    if (++b == g.kernelWidth) {
      b = 0;
      if (++a == g.kernelHeight) a = 0, ++c;
    }
  }
}

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

/** A depth block size ≤ maxBlock that splits `depth` into equal blocks. */
inline long balancedBlock(long depth, long maxBlock) {
  const long blocks = (depth + maxBlock - 1) / maxBlock;
  return (depth + blocks - 1) / blocks;
}

}  // namespace
