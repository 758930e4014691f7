// Portable convolutions (SSE2 or any GCC target): the GEMM's 6×8 float / 6×4 double tiles.
#define VBYTES 16
#include "conv-drivers.h"

namespace gradus {
ConvFunctions<float> convFloatGeneric() {
  return {convForwardTiles<float, 6, 2, 256>, convInputGradTiles<float, 6, 2>,
          convWeightGradTiles<float, 6, 2, 256>};
}
ConvFunctions<double> convDoubleGeneric() {
  return {convForwardTiles<double, 6, 2, 256>, convInputGradTiles<double, 6, 2>,
          convWeightGradTiles<double, 6, 2, 256>};
}
}  // namespace gradus
