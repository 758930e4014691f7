// Packed-right-operand products for generic, with the tile and block sizes of gemm-generic.cc.
#define VBYTES 16
#include "gemm-kernel.h"
#include "gemm-packed-kernel.h"

namespace gradus {
PackedGemm<float> packedGemmGenericF32() { return ::packedGemm<float, 6, 2, 256, 192>(); }
PackedGemm<double> packedGemmGenericF64() { return ::packedGemm<double, 6, 2, 256, 192>(); }
}  // namespace gradus
