// Packing im2col panels for the GEMM tile without building im2col: from the image with tap tables
// (any stride), or from a zero-padded copy (stride 1: one contiguous copy per run).
#pragma once
#include "conv-kernel.h"

namespace {

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

}  // namespace
