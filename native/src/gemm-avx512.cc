// GEMM for AVX-512 (built with -mavx512f -mfma): 12×32 float / 12×16 double tiles, 24 zmm accumulators.
#define VBYTES 64
#include "gemm-kernel.h"

namespace gradus {
void sgemmAvx512(const GemmTile<float>& t, long j0, long j1) {
  gemmTile<float, 12, 2, 384, 192, 1536>(t, j0, j1);
}
void dgemmAvx512(const GemmTile<double>& t, long j0, long j1) {
  gemmTile<double, 12, 2, 256, 192, 1024>(t, j0, j1);
}
}  // namespace gradus
