// Picks the recurrent kernels and the packed-operand products of the ISA the GEMM chose at load
// (AVX-512 → AVX2 → baseline).
#include <cstring>

#include "gemm.h"
#include "recurrent.h"

namespace gradus {
namespace {

template <typename T, template <typename> class Table>
struct Choice {
  Table<T> (*avx512)();
  Table<T> (*avx2)();
  Table<T> (*generic)();
};

template <typename T, template <typename> class Table>
Table<T> choose(const Choice<T, Table>& choice) {
  const char* isa = gemmIsa();
  if (std::strcmp(isa, "avx512") == 0) return choice.avx512();
  if (std::strcmp(isa, "avx2") == 0) return choice.avx2();
  return choice.generic();
}

}  // namespace

const RecurrentKernels<float>& recurrentKernels(float) {
  static const RecurrentKernels<float> chosen =
      choose<float, RecurrentKernels>({recurrentKernelsAvx512F32, recurrentKernelsAvx2F32, recurrentKernelsGenericF32});
  return chosen;
}

const RecurrentKernels<double>& recurrentKernels(double) {
  static const RecurrentKernels<double> chosen =
      choose<double, RecurrentKernels>({recurrentKernelsAvx512F64, recurrentKernelsAvx2F64, recurrentKernelsGenericF64});
  return chosen;
}

const PackedGemm<float>& packedGemm(float) {
  static const PackedGemm<float> chosen =
      choose<float, PackedGemm>({packedGemmAvx512F32, packedGemmAvx2F32, packedGemmGenericF32});
  return chosen;
}

const PackedGemm<double>& packedGemm(double) {
  static const PackedGemm<double> chosen =
      choose<double, PackedGemm>({packedGemmAvx512F64, packedGemmAvx2F64, packedGemmGenericF64});
  return chosen;
}

}  // namespace gradus
