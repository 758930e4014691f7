// Recurrent step kernels for the baseline ISA: 4 float32 or 2 float64 lanes.
#define VBYTES 16
#include "recurrent-kernel.h"

namespace gradus {
RecurrentKernels<float> recurrentKernelsGenericF32() { return kernels<float>(); }
RecurrentKernels<double> recurrentKernelsGenericF64() { return kernels<double>(); }
}  // namespace gradus
