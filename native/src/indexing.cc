// Index select (take) as row copies, and its transpose takeAdd as row accumulation.
#include <cstring>

#include "kernels.h"

namespace gradus {

void takeRows(const char* x, const int* index, long count, long outer, long axisSize, long inner,
              long bytes, char* out) {
  const long row = inner * bytes;
  for (long o = 0; o < outer; ++o)
    for (long j = 0; j < count; ++j)
      std::memcpy(out + (o * count + j) * row, x + (o * axisSize + index[j]) * row, row);
}

template <typename T>
void takeAddRows(const T* src, const int* index, long count, long outer, long axisSize, long inner,
                 T* out) {
  for (long o = 0; o < outer; ++o)
    for (long j = 0; j < count; ++j) {
      T* to = out + (o * axisSize + index[j]) * inner;
      const T* from = src + (o * count + j) * inner;
      for (long i = 0; i < inner; ++i) to[i] += from[i];
    }
}

template void takeAddRows<float>(const float*, const int*, long, long, long, long, float*);
template void takeAddRows<double>(const double*, const int*, long, long, long, long, double*);
template void takeAddRows<int>(const int*, const int*, long, long, long, long, int*);

}  // namespace gradus
