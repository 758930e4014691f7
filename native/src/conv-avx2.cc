// Convolutions for AVX2 + FMA: the GEMM's 6×16 float / 6×8 double tiles.
#define VBYTES 32
#include "conv-drivers.h"

namespace gradus {
ConvFunctions<float> convFloatAvx2() { return convFunctions<float, 6, 2, 256>(); }
ConvFunctions<double> convDoubleAvx2() { return convFunctions<double, 6, 2, 256>(); }
}  // namespace gradus
