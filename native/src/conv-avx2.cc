// Convolutions for AVX2 + FMA: the GEMM's 6×16 float / 6×8 double tiles.
#define VBYTES 32
#include "conv-drivers.h"

namespace gradus {
ConvFunctions<float> convFloatAvx2() {
  return {convForwardTiles<float, 6, 2, 256>, convInputGradTiles<float, 6, 2>,
          convWeightGradTiles<float, 6, 2, 256>};
}
ConvFunctions<double> convDoubleAvx2() {
  return {convForwardTiles<double, 6, 2, 256>, convInputGradTiles<double, 6, 2>,
          convWeightGradTiles<double, 6, 2, 256>};
}
}  // namespace gradus
