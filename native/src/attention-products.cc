// Register-blocked small products for fused attention (see attention-products.h): MR rows of C held in
// 2·MR vector registers of 16 floats, B's rows streamed in place, compiled per ISA by target_clones.
#include "attention-products.h"

#include <algorithm>
#include <cstring>

namespace gradus {
namespace {

typedef float Vector __attribute__((vector_size(64)));
constexpr int kWidth = 16;   // floats per vector
constexpr int kRows = 8;     // rows of C per block
constexpr int kColumns = 32; // columns of C per block: two vectors

// NOTE: always_inline: a helper compiled out of line would run at the baseline ISA, not the clone's.
#define GRADUS_INLINE __attribute__((always_inline)) inline

GRADUS_INLINE Vector load(const float* p) {
  Vector v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

GRADUS_INLINE void store(float* p, Vector v) { std::memcpy(p, &v, sizeof v); }

/** C[rows, 32] (+)= A[rows, k]·B[k, 32] for rows ≤ kRows. */
template <int Rows>
GRADUS_INLINE void block(const float* a, long rowA, long colA, const float* b, long ldb, float* c, long ldc,
                  long k, bool accumulate) {
  Vector low[Rows], high[Rows];
  for (int r = 0; r < Rows; ++r) low[r] = high[r] = Vector{};
  for (long p = 0; p < k; ++p) {
    const Vector b0 = load(b + p * ldb), b1 = load(b + p * ldb + kWidth);
    for (int r = 0; r < Rows; ++r) {
      const float x = a[r * rowA + p * colA];
      low[r] += x * b0;
      high[r] += x * b1;
    }
  }
  for (int r = 0; r < Rows; ++r) {
    float* row = c + r * ldc;
    store(row, accumulate ? load(row) + low[r] : low[r]);
    store(row + kWidth, accumulate ? load(row + kWidth) + high[r] : high[r]);
  }
}

/** The columns left of a multiple of 32: plain loops. */
void edge(const float* a, long rowA, long colA, const float* b, long ldb, float* c, long ldc, long m,
          long n, long k, bool accumulate) {
  for (long i = 0; i < m; ++i)
    for (long j = 0; j < n; ++j) {
      float total = 0;
      for (long p = 0; p < k; ++p) total += a[i * rowA + p * colA] * b[p * ldb + j];
      c[i * ldc + j] = accumulate ? c[i * ldc + j] + total : total;
    }
}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default"))) void smallProduct(
    const float* a, long rowA, long colA, const float* b, long ldb, float* c, long ldc, long m,
    long n, long k, bool accumulate) {
  const long wide = n / kColumns * kColumns;
  for (long j = 0; j < wide; j += kColumns) {
    long i = 0;
    for (; i + kRows <= m; i += kRows)
      block<kRows>(a + i * rowA, rowA, colA, b + j, ldb, c + i * ldc + j, ldc, k, accumulate);
    for (; i < m; ++i)
      block<1>(a + i * rowA, rowA, colA, b + j, ldb, c + i * ldc + j, ldc, k, accumulate);
  }
  if (wide < n) edge(a, rowA, colA, b + wide, ldb, c + wide, ldc, m, n - wide, k, accumulate);
}

}  // namespace gradus
