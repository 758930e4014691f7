// Loops shared by the normalisation kernels: fixed-order partial sums and a size-gated parallel for.
#pragma once
#include "thread-pool.h"

namespace gradus {

constexpr long kParallelWork = 1 << 15;  // below this many elements one thread does it all

/** Σ term(i) for i < n in eight interleaved double partial sums (a fixed order, vectorisable). */
template <typename F>
inline double sum8(long n, F term) {
  double p[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  long i = 0;
  for (; i + 8 <= n; i += 8)
    for (int l = 0; l < 8; ++l) p[l] += term(i + l);
  double total = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
  for (; i < n; ++i) total += term(i);
  return total;
}

/** task(i) for i < count, on the thread pool when the work is large enough. */
template <typename F>
void forEach(long count, long work, F task) {
  if (work >= kParallelWork && count > 1) parallelFor(count, task);
  else for (long i = 0; i < count; ++i) task(i);
}

}  // namespace gradus
