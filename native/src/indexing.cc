// Index select (take) as row copies, and its transpose takeAdd as row accumulation.
#include <cstring>

#include "kernels.h"

namespace gradus {
namespace {

// Rows picked at random from a large array each miss the caches: prefetching the row kAhead indices
// ahead keeps several misses in flight instead of one row's worth at a time. Rows longer than
// kMaxPrefetchedRow stream well on their own (the hardware prefetcher follows them).
constexpr long kAhead = 8;
constexpr long kMaxPrefetchedRow = 4096;

/** Prefetches the cache lines of one row of `bytes` bytes, for reading or (write = true) writing. */
template <bool write>
inline void prefetchRow(const void* row, long bytes) {
  const char* p = static_cast<const char*>(row);
  for (long line = 0; line < bytes; line += 64) __builtin_prefetch(p + line, write ? 1 : 0, 0);
}

}  // namespace

void takeRows(const char* x, const int* index, long count, long outer, long axisSize, long inner,
              long bytes, char* out) {
  const long row = inner * bytes;
  const bool prefetch = row <= kMaxPrefetchedRow;
  for (long o = 0; o < outer; ++o) {
    const char* base = x + o * axisSize * row;
    for (long j = 0; j < count; ++j) {
      if (prefetch && j + kAhead < count) prefetchRow<false>(base + index[j + kAhead] * row, row);
      std::memcpy(out + (o * count + j) * row, base + index[j] * row, row);
    }
  }
}

template <typename T>
void takeAddRows(const T* src, const int* index, long count, long outer, long axisSize, long inner,
                 T* out) {
  // As takeRows: the rows accumulated into are scattered, so fetch them a few steps ahead.
  const long row = inner * static_cast<long>(sizeof(T));
  const bool prefetch = row <= kMaxPrefetchedRow;
  for (long o = 0; o < outer; ++o)
    for (long j = 0; j < count; ++j) {
      if (prefetch && j + kAhead < count)
        prefetchRow<true>(out + (o * axisSize + index[j + kAhead]) * inner, row);
      T* to = out + (o * axisSize + index[j]) * inner;
      const T* from = src + (o * count + j) * inner;
      for (long i = 0; i < inner; ++i) to[i] += from[i];
    }
}

template void takeAddRows<float>(const float*, const int*, long, long, long, long, float*);
template void takeAddRows<double>(const double*, const int*, long, long, long, long, double*);
template void takeAddRows<int>(const int*, const int*, long, long, long, long, int*);

}  // namespace gradus
