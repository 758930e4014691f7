// GEMM for AVX2 + FMA: 6×16 float / 6×8 double tiles, 12 ymm accumulators.
#define VBYTES 32
#include "gemm-kernel.h"

namespace gradus {
void sgemmAvx2(const GemmTile<float>& t, long j0, long j1) {
  gemmTile<float, 6, 2, 256, 192, 1024>(t, j0, j1);
}
void dgemmAvx2(const GemmTile<double>& t, long j0, long j1) {
  gemmTile<double, 6, 2, 256, 192, 512>(t, j0, j1);
}
}  // namespace gradus
