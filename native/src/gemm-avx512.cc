// GEMM for AVX-512 (built with -mavx512f -mfma): 8×48 float / 8×24 double tiles, 24 zmm accumulators
// (measured ahead of 12×32 and 6×64 at n = 512–1024).
#define VBYTES 64
#include "gemm-kernel.h"

namespace gradus {
void sgemmAvx512(const GemmTile<float>& t, long j0, long j1) {
  gemmTile<float, 8, 3, 384, 192, 1536>(t, j0, j1);
}
void dgemmAvx512(const GemmTile<double>& t, long j0, long j1) {
  gemmTile<double, 8, 3, 256, 192, 1024>(t, j0, j1);
}
}  // namespace gradus
