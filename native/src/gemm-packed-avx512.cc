// Packed-right-operand products for avx512, with the tile and block sizes of gemm-avx512.cc.
#define VBYTES 64
#include "gemm-kernel.h"
#include "gemm-packed-kernel.h"

namespace gradus {
PackedGemm<float> packedGemmAvx512F32() { return ::packedGemm<float, 8, 3, 384, 192>(); }
PackedGemm<double> packedGemmAvx512F64() { return ::packedGemm<double, 8, 3, 256, 192>(); }
}  // namespace gradus
