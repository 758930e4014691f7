// Recurrent step kernels for AVX-512 (-mavx512f): 16 float32 or 8 float64 lanes.
#define VBYTES 64
#include "recurrent-kernel.h"

namespace gradus {
RecurrentKernels<float> recurrentKernelsAvx512F32() { return kernels<float>(); }
RecurrentKernels<double> recurrentKernelsAvx512F64() { return kernels<double>(); }
}  // namespace gradus
