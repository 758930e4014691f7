// Portable convolutions (SSE2 or any GCC target): the GEMM's 6×8 float / 6×4 double tiles.
#define VBYTES 16
#include "conv-drivers.h"

namespace gradus {
ConvFunctions<float> convFloatGeneric() { return convFunctions<float, 6, 2, 256>(); }
ConvFunctions<double> convDoubleGeneric() { return convFunctions<double, 6, 2, 256>(); }
}  // namespace gradus
