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

/**
 * Where a micro-kernel reads its A panel's element (r, p): a packed panel (a[p·MR + r]), or A in
 * place, row-major (a[r·lda + p]) or column-major (a[r + p·lda]); the products are the same.
 */
enum class PanelA { packed, rows, columns };

/**
 * C[MR, NV·L] (=|+=) Σₚ Apanel[p, :]ᵀ ⊗ Bpanel[p, :], accumulators held in registers; the B panel's
 * rows are PANEL vectors wide (PANEL > NV: an edge tile using only its first NV vectors).
 */
template <typename T, int MR, int NV, int PANEL = NV, PanelA LAYOUT = PanelA::packed>
inline void microKernel(long kc, const T* __restrict a, const T* __restrict b, T* c, long ldc,
                        bool accumulate, long lda = 0, const T* bias = nullptr, bool relu = false) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  V acc[MR][NV];
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[r][v] = V{};
  // rows in place: one pointer per three rows, the others at +lda and +2·lda (scaled-index
  // addressing), so the loop needs few registers instead of reloading MR row offsets every step
  constexpr int GROUPS = LAYOUT == PanelA::rows ? (MR + 2) / 3 : 1;
  const T* rowGroup[GROUPS];
#pragma GCC unroll 8
  for (int g = 0; g < GROUPS; ++g) rowGroup[g] = a + (LAYOUT == PanelA::rows ? 3 * g * lda : 0);
  for (long p = 0; p < kc; ++p) {
    V bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) bv[v] = *reinterpret_cast<const V*>(b + v * L);
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
      const T scale = LAYOUT == PanelA::rows ? rowGroup[r / 3][(r % 3) * lda] : a[r];
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[r][v] += scale * bv[v];
    }
    if constexpr (LAYOUT == PanelA::rows) {
#pragma GCC unroll 8
      for (int g = 0; g < GROUPS; ++g) ++rowGroup[g];
    }
    a += LAYOUT == PanelA::packed ? MR : LAYOUT == PanelA::rows ? 0 : lda;
    b += PANEL * L;
  }
  // the bias after the whole sum, then relu (NaN kept), as separate passes would (the same bits)
  V biasVector[NV];
#pragma GCC unroll 8
  for (int v = 0; v < NV; ++v) biasVector[v] = bias == nullptr ? V{} : loadUnaligned<V>(bias + v * L);
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) {
      T* dst = c + r * ldc + v * L;
      const V sum = accumulate ? loadUnaligned<V>(dst) + acc[r][v] : acc[r][v];
      const V value = bias == nullptr ? sum : sum + biasVector[v];
      storeUnaligned<V>(dst, relu ? ((value > 0) | (value != value) ? value : V{}) : value);
    }
}

/** relu(x) with NaN kept (the relu kernel's rule). */
template <typename T>
inline T reluOf(T x) {
  return x > 0 || x != x ? x : T(0);
}

/**
 * An edge tile of `cols` < NV·L columns into `edge` (row stride NV·L) with only the vectors it needs:
 * each column's sum is the same sequence of operations as in a full tile, so the same bits.
 */
template <typename T, int MR, int NV, PanelA LAYOUT = PanelA::packed>
inline void edgeKernel(long kc, const T* a, const T* b, T* edge, long cols, long lda = 0) {
  constexpr int L = VBYTES / sizeof(T);
  const long vectors = (cols + L - 1) / L;
  if constexpr (NV >= 2)
    if (vectors == 1) return microKernel<T, MR, 1, NV, LAYOUT>(kc, a, b, edge, NV * L, false, lda);
  if constexpr (NV >= 3)
    if (vectors == 2) return microKernel<T, MR, 2, NV, LAYOUT>(kc, a, b, edge, NV * L, false, lda);
  microKernel<T, MR, NV, NV, LAYOUT>(kc, a, b, edge, NV * L, false, lda);
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

/** Σᵢ x[i]·y[i] over contiguous x, y with four vector accumulators. */
template <typename T>
inline T dot(const T* x, const T* y, long count) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  V acc[4] = {V{}, V{}, V{}, V{}};
  long i = 0;
  for (; i + 4 * L <= count; i += 4 * L)
#pragma GCC unroll 4
    for (int u = 0; u < 4; ++u)
      acc[u] += loadUnaligned<V>(x + i + u * L) * loadUnaligned<V>(y + i + u * L);
  for (; i + L <= count; i += L) acc[0] += loadUnaligned<V>(x + i) * loadUnaligned<V>(y + i);
  const V total = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  T sum = 0;
  for (int l = 0; l < L; ++l) sum += total[l];
  for (; i < count; ++i) sum += x[i] * y[i];
  return sum;
}

/** y[0, count) += s·x[0, count) on contiguous x, y. */
template <typename T>
inline void axpy(T s, const T* __restrict x, T* __restrict y, long count) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  long i = 0;
  for (; i + L <= count; i += L) storeUnaligned<V>(y + i, loadUnaligned<V>(y + i) + s * loadUnaligned<V>(x + i));
  for (; i < count; ++i) y[i] += s * x[i];
}

/**
 * Matrix·vector without packing, for one output column (n = 1) or one output row (m = 1), where the
 * packed GEMM would pad the vector to a whole register tile (48 columns: 48× the work). out[0, len) =
 * Σₚ x[p]·M[·, p]: dot products when M's rows run along p contiguously, axpy sweeps when its columns
 * are contiguous, plain loops otherwise. Returns false for shapes it does not handle.
 */
template <typename T>
bool gemv(const T* mat, long lenStride, long pStride, const T* x, long xStride, T* out,
          long outStride, long len, long k) {
  if (pStride == 1 && xStride == 1) {
    for (long i = 0; i < len; ++i) out[i * outStride] = dot(mat + i * lenStride, x, k);
    return true;
  }
  if (lenStride == 1 && outStride == 1) {
    std::memset(out, 0, sizeof(T) * len);
    for (long p = 0; p < k; ++p) axpy(x[p * xStride], mat + p * pStride, out, len);
    return true;
  }
  return false;
}

/**
 * One row panel (`rows` ≤ MR rows of A, read as LAYOUT says) against the packed B columns [0, nc):
 * C[rows, nc] (=|+=) A·B, the last partial column panel through `edge`.
 */
template <typename T, int MR, int NV, PanelA LAYOUT>
inline void rowPanel(long kc, const T* panelA, long lda, long rows, const T* packedB, long nc, T* c,
                     long ldc, bool accumulate, T* edge, const T* bias, bool relu) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  for (long jr = 0; jr < nc; jr += NR) {
    const long cols = std::min<long>(NR, nc - jr);
    const T* panelB = packedB + jr * kc;
    const T* columnBias = bias == nullptr ? nullptr : bias + jr;
    if (rows == MR && cols == NR) {
      microKernel<T, MR, NV, NV, LAYOUT>(kc, panelA, panelB, c + jr, ldc, accumulate, lda, columnBias, relu);
      continue;
    }
    edgeKernel<T, MR, NV, LAYOUT>(kc, panelA, panelB, edge, cols, lda);
    for (long r = 0; r < rows; ++r)
      for (long j = 0; j < cols; ++j) {
        T& out = c[r * ldc + jr + j];
        out = accumulate ? out + edge[r * NR + j] : edge[r * NR + j];
        if (columnBias != nullptr) out += columnBias[j];
        if (relu) out = reluOf(out);
      }
  }
}

/**
 * How gemmTile reads A: in place when one of its strides is 1 (a row-major A of 128 columns took a
 * quarter of the product's time to pack, one scalar at a time), packed otherwise, and packed when
 * rows a multiple of 4 KB apart would all fall in the same L1 sets.
 */
template <typename T>
PanelA panelLayout(long rowStride, long colStride) {
  if (colStride == 1 && (rowStride * static_cast<long>(sizeof(T))) % 4096 != 0) return PanelA::rows;
  if (rowStride == 1) return PanelA::columns;
  return PanelA::packed;
}

/** Blocked product of columns [j0, j1): B blocks (KC×NC) packed once, A panels reused from L1. */
template <typename T, int MR, int NV, long KC, long MC, long NC>
void gemmTile(const gradus::GemmTile<T>& t, long j0, long j1) {
  // one output column: c[i] = Σₚ A[i, p]·b[p]; one output row: c[j] = Σₚ a[p]·B[p, j]
  const long ldc = t.ldc == 0 ? t.n : t.ldc;
  const bool plain = !t.accumulate && ldc == t.n;
  if (plain && t.n == 1 && gemv(t.a, t.rowStrideA, t.colStrideA, t.b, t.rowStrideB, t.c, 1, t.m, t.k)) {
    for (long i = 0; i < t.m; ++i) {
      if (t.bias != nullptr) t.c[i] += t.bias[0];
      if (t.relu) t.c[i] = reluOf(t.c[i]);
    }
    return;
  }
  if (plain && t.m == 1 && gemv(t.b + j0 * t.colStrideB, t.colStrideB, t.rowStrideB, t.a, t.colStrideA,
                       t.c + j0, 1, j1 - j0, t.k)) {
    for (long j = j0; j < j1; ++j) {
      if (t.bias != nullptr) t.c[j] += t.bias[j];
      if (t.relu) t.c[j] = reluOf(t.c[j]);
    }
    return;
  }
  constexpr int NR = NV * (VBYTES / sizeof(T));
  const PanelA layout = panelLayout<T>(t.rowStrideA, t.colStrideA);
  // A read in place column-major puts each step's MR values on a line of its own: at KC steps a row
  // panel's lines and a B panel no longer fit L1 together, and the panel is fetched again for every
  // column panel (dW = gᵀ·x of a [2048, 512] g: 167 → 185 GFLOP/s with half the block)
  const long blockK = layout == PanelA::columns ? std::min<long>(KC, 192) : KC;
  T* packedA = scratch<T>(MC * KC, 0);
  T* packedB = scratch<T>(KC * ((NC + NR - 1) / NR) * NR, 1);
  alignas(64) T edge[MR * NR];
  for (long jc = j0; jc < j1; jc += NC) {
    const long nc = std::min(NC, j1 - jc);
    for (long pc = 0; pc < t.k; pc += blockK) {
      const long kc = std::min(blockK, t.k - pc);
      const bool accumulate = t.accumulate || pc > 0;
      // the bias and relu go in with the last block of the sum
      const bool last = pc + kc >= t.k;
      const T* bias = t.bias == nullptr || !last ? nullptr : t.bias + jc;
      const bool relu = t.relu && last;
      packB<T, NR>(t.b + pc * t.rowStrideB + jc * t.colStrideB, t.rowStrideB, t.colStrideB, kc, nc,
                   packedB);
      if (layout != PanelA::packed) {
        // whole row panels straight from A; a last partial one is packed (zero-padded)
        for (long i = 0; i < t.m; i += MR) {
          const long rows = std::min<long>(MR, t.m - i);
          const T* panel = t.a + i * t.rowStrideA + pc * t.colStrideA;
          T* c = t.c + i * ldc + jc;
          if (rows < MR) {
            packA<T, MR>(panel, t.rowStrideA, t.colStrideA, rows, kc, packedA);
            rowPanel<T, MR, NV, PanelA::packed>(kc, packedA, 0, rows, packedB, nc, c, ldc, accumulate, edge, bias, relu);
          } else if (layout == PanelA::rows) {
            rowPanel<T, MR, NV, PanelA::rows>(kc, panel, t.rowStrideA, MR, packedB, nc, c, ldc, accumulate, edge, bias, relu);
          } else {
            rowPanel<T, MR, NV, PanelA::columns>(kc, panel, t.colStrideA, MR, packedB, nc, c, ldc, accumulate,
                                                 edge, bias, relu);
          }
        }
        continue;
      }
      for (long ic = 0; ic < t.m; ic += MC) {
        const long mc = std::min(MC, t.m - ic);
        packA<T, MR>(t.a + ic * t.rowStrideA + pc * t.colStrideA, t.rowStrideA, t.colStrideA, mc,
                     kc, packedA);
        for (long ir = 0; ir < mc; ir += MR)
          rowPanel<T, MR, NV, PanelA::packed>(kc, packedA + ir * kc, 0, std::min<long>(MR, mc - ir), packedB,
                                              nc, t.c + (ic + ir) * ldc + jc, ldc, accumulate, edge, bias, relu);
      }
    }
  }
}

}  // namespace
