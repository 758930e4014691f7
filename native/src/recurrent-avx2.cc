// Recurrent step kernels for AVX2 (-mavx2): 8 float32 or 4 float64 lanes.
#define VBYTES 32
#include "recurrent-kernel.h"

namespace gradus {
RecurrentKernels<float> recurrentKernelsAvx2F32() { return kernels<float>(); }
RecurrentKernels<double> recurrentKernelsAvx2F64() { return kernels<double>(); }
}  // namespace gradus
