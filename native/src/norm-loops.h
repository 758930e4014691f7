// Loops shared by the normalisation kernels: fixed-order partial sums, a size-gated parallel for.
#pragma once
#include "thread-pool.h"

namespace gradus {

// The per-row and per-channel loops are compiled for AVX2 and for the baseline, chosen at load time
// (ifunc) where the toolchain supports it; a thread always runs one clone, so results depend on the
// CPU but never on the thread count.
#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define GRADUS_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define GRADUS_VECTOR_CLONES
#endif

constexpr long kParallelWork = 1 << 15;  // below this many elements one thread does it all

/** The eight partial sums of sum8 added in its fixed tree order. */
inline double combine8(const double* p) {
  return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
}

/** Σ term(i) for i < n in eight interleaved double partial sums (a fixed order, vectorisable). */
template <typename F>
inline double sum8(long n, F term) {
  double p[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  long i = 0;
  for (; i + 8 <= n; i += 8)
    for (int l = 0; l < 8; ++l) p[l] += term(i + l);
  double total = combine8(p);
  for (; i < n; ++i) total += term(i);
  return total;
}

/**
 * x − μ in T's arithmetic (float32 outputs are computed in float32, about twice as fast as through
 * double): μ split into hi + lo, so that (x − hi) − lo keeps the centred value to a rounding even
 * when |μ| is much larger than the spread (x − hi is exact when x is near hi).
 */
template <typename T>
struct Centre {
  T hi, lo;
  explicit Centre(double mu) : hi(static_cast<T>(mu)), lo(static_cast<T>(mu - hi)) {}
  T operator()(T x) const { return (x - hi) - lo; }
};

/** task(i) for i < count, on the thread pool when the work is large enough. */
template <typename F>
void forEach(long count, long work, F task) {
  if (work >= kParallelWork && count > 1) parallelFor(count, task);
  else for (long i = 0; i < count; ++i) task(i);
}

}  // namespace gradus
