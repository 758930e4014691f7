// Packed, register-blocked GEMM written once with GCC vector extensions; each ISA's .cc includes it
// with its own vector width (VBYTES) and tile sizes, under its own compiler flags.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "gemm.h"

namespace {

template <typename T>
struct Vector {
  typedef T type __attribute__((vector_size(VBYTES)));
};

template <typename V>
inline V loadUnaligned(const void* p) {
  V v;
  std::memcpy(&v, p, sizeof(V));
  return v;
}

template <typename V>
inline void storeUnaligned(void* p, V v) {
  std::memcpy(p, &v, sizeof(V));
}

/** C[MR, NV·L] (=|+=) Σₚ Apanel[p, :]ᵀ ⊗ Bpanel[p, :], accumulators held in registers. */
template <typename T, int MR, int NV>
inline void microKernel(long kc, const T* __restrict a, const T* __restrict b, T* c, long ldc,
                        bool accumulate) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  V acc[MR][NV];
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[r][v] = V{};
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

/** Packs rows [0, mc) × cols [0, kc) of strided A into MR-row panels, p-major, zero-padded. */
template <typename T, int MR>
void packA(const T* a, long rs, long cs, long mc, long kc, T* out) {
  for (long i0 = 0; i0 < mc; i0 += MR) {
    const long rows = std::min<long>(MR, mc - i0);
    for (long p = 0; p < kc; ++p) {
      const T* src = a + i0 * rs + p * cs;
      for (long r = 0; r < rows; ++r) out[r] = src[r * rs];
      for (long r = rows; r < MR; ++r) out[r] = 0;
      out += MR;
    }
  }
}

/** Packs rows [0, kc) × cols [0, nc) of strided B into NR-column panels, p-major, zero-padded. */
template <typename T, int NR>
void packB(const T* b, long rs, long cs, long kc, long nc, T* out) {
  for (long j0 = 0; j0 < nc; j0 += NR) {
    const long cols = std::min<long>(NR, nc - j0);
    for (long p = 0; p < kc; ++p) {
      const T* src = b + p * rs + j0 * cs;
      if (cs == 1 && cols == NR) {
        std::memcpy(out, src, NR * sizeof(T));
      } else {
        for (long j = 0; j < cols; ++j) out[j] = src[j * cs];
        for (long j = cols; j < NR; ++j) out[j] = 0;
      }
      out += NR;
    }
  }
}

template <typename T>
T* scratch(long count, int which) {
  // One growing, 64-byte aligned buffer per thread and role (packed A, packed B).
  static thread_local T* buffers[2] = {nullptr, nullptr};
  static thread_local long sizes[2] = {0, 0};
  if (sizes[which] < count) {
    std::free(buffers[which]);
    buffers[which] = static_cast<T*>(std::aligned_alloc(64, ((count * sizeof(T) + 63) / 64) * 64));
    sizes[which] = count;
  }
  return buffers[which];
}

/** Blocked product of columns [j0, j1): B blocks (KC×NC) packed once, A panels reused from L1. */
template <typename T, int MR, int NV, long KC, long MC, long NC>
void gemmTile(const gradus::GemmTile<T>& t, long j0, long j1) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  T* packedA = scratch<T>(MC * KC, 0);
  T* packedB = scratch<T>(KC * ((NC + NR - 1) / NR) * NR, 1);
  alignas(64) T edge[MR * NR];
  for (long jc = j0; jc < j1; jc += NC) {
    const long nc = std::min(NC, j1 - jc);
    for (long pc = 0; pc < t.k; pc += KC) {
      const long kc = std::min(KC, t.k - pc);
      const bool accumulate = pc > 0;
      packB<T, NR>(t.b + pc * t.rowStrideB + jc * t.colStrideB, t.rowStrideB, t.colStrideB, kc, nc,
                   packedB);
      for (long ic = 0; ic < t.m; ic += MC) {
        const long mc = std::min(MC, t.m - ic);
        packA<T, MR>(t.a + ic * t.rowStrideA + pc * t.colStrideA, t.rowStrideA, t.colStrideA, mc,
                     kc, packedA);
        for (long ir = 0; ir < mc; ir += MR) {
          const long rows = std::min<long>(MR, mc - ir);
          const T* panelA = packedA + ir * kc;
          for (long jr = 0; jr < nc; jr += NR) {
            const long cols = std::min<long>(NR, nc - jr);
            T* c = t.c + (ic + ir) * t.n + jc + jr;
            const T* panelB = packedB + jr * kc;
            if (rows == MR && cols == NR) {
              microKernel<T, MR, NV>(kc, panelA, panelB, c, t.n, accumulate);
              continue;
            }
            microKernel<T, MR, NV>(kc, panelA, panelB, edge, NR, false);
            for (long r = 0; r < rows; ++r)
              for (long j = 0; j < cols; ++j)
                c[r * t.n + j] = accumulate ? c[r * t.n + j] + edge[r * NR + j] : edge[r * NR + j];
          }
        }
      }
    }
  }
}

}  // namespace
