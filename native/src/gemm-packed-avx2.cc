// Packed-right-operand products for avx2, with the tile and block sizes of gemm-avx2.cc.
#define VBYTES 32
#include "gemm-kernel.h"
#include "gemm-packed-kernel.h"

namespace gradus {
PackedGemm<float> packedGemmAvx2F32() { return ::packedGemm<float, 6, 2, 256, 192>(); }
PackedGemm<double> packedGemmAvx2F64() { return ::packedGemm<double, 6, 2, 256, 192>(); }
}  // namespace gradus
