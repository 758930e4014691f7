// Portable GEMM (baseline x86-64 SSE2 or any GCC target): 6×8 float / 6×4 double tiles.
#define VBYTES 16
#include "gemm-kernel.h"

namespace gradus {
void sgemmGeneric(const GemmTile<float>& t, long j0, long j1) {
  gemmTile<float, 6, 2, 256, 192, 512>(t, j0, j1);
}
void dgemmGeneric(const GemmTile<double>& t, long j0, long j1) {
  gemmTile<double, 6, 2, 256, 192, 512>(t, j0, j1);
}
}  // namespace gradus
