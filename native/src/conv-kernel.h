// The convolutions' shared pieces, written once and compiled per ISA like the GEMM (VBYTES): scratch,
// task running, the GEMM's register tile with a bias, output columns in runs along rows. Every output
// element is computed by one task in a fixed order and partial sums over fixed chunks are added in
// chunk order, so results do not depend on the thread count.
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

/** A depth block size ≤ maxBlock that splits `depth` into equal blocks. */
inline long balancedBlock(long depth, long maxBlock) {
  const long blocks = (depth + maxBlock - 1) / maxBlock;
  return (depth + blocks - 1) / blocks;
}

}  // namespace
