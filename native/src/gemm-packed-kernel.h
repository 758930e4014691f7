// Products with a right operand packed once: a recurrence multiplies every step's state by the same
// W_hhᵀ, so its GEMM panels are built once per sequence and each step only packs its small left
// operand. Included after gemm-kernel.h with the ISA's tile sizes, so results equal the plain GEMM's.
#include <algorithm>

#include "gemm.h"
#include "thread-pool.h"

namespace {

/** Elements of B [k, n] packed as NR-column panels (zero-padded to whole panels). */
template <typename T, int NR>
long packedRightSize(long k, long n) {
  return k * ((n + NR - 1) / NR) * NR;
}

/** Packs strided B [k, n]: KC-row blocks one after another, each holding every column panel (kc × NR). */
template <typename T, int NR, long KC>
void packRight(const T* b, long rs, long cs, long k, long n, T* out) {
  const long width = (n + NR - 1) / NR * NR;
  for (long pc = 0; pc < k; pc += KC) packB<T, NR>(b + pc * rs, rs, cs, std::min(KC, k - pc), n, out + pc * width);
}

/** C[:, j0:j1] = A·B for strided A [m, k] and B packed by packRight; j0 is a multiple of NR. */
template <typename T, int MR, int NV, long KC, long MC>
void gemmPackedColumns(const T* a, long rsA, long csA, const T* packed, T* c, long m, long n, long k, long j0,
                       long j1) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  const long width = (n + NR - 1) / NR * NR;
  T* packedA = scratch<T>(MC * KC, 0);
  alignas(64) T edge[MR * NR];
  for (long pc = 0; pc < k; pc += KC) {
    const long kc = std::min(KC, k - pc);
    const bool accumulate = pc > 0;
    const T* block = packed + pc * width;
    for (long ic = 0; ic < m; ic += MC) {
      const long mc = std::min(MC, m - ic);
      packA<T, MR>(a + ic * rsA + pc * csA, rsA, csA, mc, kc, packedA);
      // column panels outside, row panels inside: a B panel is read from L2 once and stays in L1
      // while every A panel of the block passes (BLIS's macro-kernel order)
      for (long jr = j0; jr < j1; jr += NR) {
        const long cols = std::min<long>(NR, n - jr);
        const T* panelB = block + jr * kc;
        for (long ir = 0; ir < mc; ir += MR) {
          const long rows = std::min<long>(MR, mc - ir);
          const T* panelA = packedA + ir * kc;
          T* out = c + (ic + ir) * n + jr;
          if (rows == MR && cols == NR) {
            microKernel<T, MR, NV>(kc, panelA, panelB, out, n, accumulate);
            continue;
          }
          edgeKernel<T, MR, NV>(kc, panelA, panelB, edge, cols);
          for (long r = 0; r < rows; ++r)
            for (long j = 0; j < cols; ++j)
              out[r * n + j] = accumulate ? out[r * n + j] + edge[r * NR + j] : edge[r * NR + j];
        }
      }
    }
  }
}

/** C [m, n] = A·B over the thread pool in column chunks of whole panels (each element as one thread would). */
template <typename T, int MR, int NV, long KC, long MC>
void gemmPacked(const T* a, long rsA, long csA, const T* packed, T* c, long m, long n, long k) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  if (m == 0 || n == 0) return;
  if (k == 0) return (void)std::fill(c, c + m * n, T(0));
  const long panels = (n + NR - 1) / NR;
  const long threads = static_cast<double>(m) * n * k < (1 << 18) ? 1 : std::min<long>(gradus::numThreads(), panels);
  const long perChunk = (panels + threads - 1) / threads;
  auto chunk = [&](long index) {
    const long j0 = index * perChunk * NR, j1 = std::min(n, j0 + perChunk * NR);
    if (j0 < j1) gemmPackedColumns<T, MR, NV, KC, MC>(a, rsA, csA, packed, c, m, n, k, j0, j1);
  };
  if (threads == 1) return chunk(0);
  gradus::parallelFor(threads, chunk);
}

template <typename T, int MR, int NV, long KC, long MC>
gradus::PackedGemm<T> packedGemm() {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  return {packedRightSize<T, NR>, packRight<T, NR, KC>, gemmPacked<T, MR, NV, KC, MC>};
}

}  // namespace
