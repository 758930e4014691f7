// Convolutions for AVX-512 (built with the GEMM's -mavx512f flags): the GEMM's 8×48 float / 8×24 double tiles.
#define VBYTES 64
#include "conv-drivers.h"

namespace gradus {
ConvFunctions<float> convFloatAvx512() { return convFunctions<float, 8, 3, 384>(); }
ConvFunctions<double> convDoubleAvx512() { return convFunctions<double, 8, 3, 256>(); }
}  // namespace gradus
