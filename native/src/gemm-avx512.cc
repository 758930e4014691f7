// GEMM for AVX-512 (built with -mavx512f -mfma): 8×48 or 12×32 float tiles (whichever pads the
// product less: 12×32 fits [128, 256] outputs exactly, 8×48 fits 784 columns better), 8×24 double
// tiles; 24 zmm accumulators either way. Every output element sums its k terms in the same order in
// both tiles, so the choice never changes a result.
#define VBYTES 64
#include "gemm-kernel.h"

namespace gradus {
void sgemmAvx512(const GemmTile<float>& t, long j0, long j1) {
  const auto padded = [&](long mr, long nr) { return (t.m + mr - 1) / mr * mr * ((t.n + nr - 1) / nr * nr); };
  if (padded(12, 32) < padded(8, 48)) return gemmTile<float, 12, 2, 384, 192, 1536>(t, j0, j1);
  gemmTile<float, 8, 3, 384, 192, 1536>(t, j0, j1);
}
void dgemmAvx512(const GemmTile<double>& t, long j0, long j1) {
  gemmTile<double, 8, 3, 256, 192, 1024>(t, j0, j1);
}
}  // namespace gradus
