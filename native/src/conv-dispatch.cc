// Runs each convolution on the ISA the GEMM chose at load (AVX-512 → AVX2+FMA → portable).
#include <cstring>

#include "conv.h"
#include "gemm.h"

namespace gradus {
namespace {

template <typename T>
ConvFunctions<T> choose(ConvFunctions<T> (*avx512)(), ConvFunctions<T> (*avx2)(),
                        ConvFunctions<T> (*generic)()) {
  const char* isa = gemmIsa();
  if (std::strcmp(isa, "avx512") == 0) return avx512();
  return std::strcmp(isa, "avx2") == 0 ? avx2() : generic();
}

const ConvFunctions<float>& chosen(const float*) {
  static const ConvFunctions<float> functions =
      choose(convFloatAvx512, convFloatAvx2, convFloatGeneric);
  return functions;
}

const ConvFunctions<double>& chosen(const double*) {
  static const ConvFunctions<double> functions =
      choose(convDoubleAvx512, convDoubleAvx2, convDoubleGeneric);
  return functions;
}

}  // namespace

template <typename T>
void convForward(const T* x, const T* weight, const T* bias, const ConvGeometry& g, T* y) {
  chosen(x).forward(x, weight, bias, g, y);
}

template <typename T>
void convInputGrad(const T* y, const T* weight, const ConvGeometry& g, T* x) {
  chosen(y).inputGrad(y, weight, g, x);
}

template <typename T>
void convWeightGrad(const T* x, const T* y, const ConvGeometry& g, T* weight) {
  chosen(x).weightGrad(x, y, g, weight);
}

template void convForward<float>(const float*, const float*, const float*, const ConvGeometry&, float*);
template void convForward<double>(const double*, const double*, const double*, const ConvGeometry&,
                                  double*);
template void convInputGrad<float>(const float*, const float*, const ConvGeometry&, float*);
template void convInputGrad<double>(const double*, const double*, const ConvGeometry&, double*);
template void convWeightGrad<float>(const float*, const float*, const ConvGeometry&, float*);
template void convWeightGrad<double>(const double*, const double*, const ConvGeometry&, double*);

}  // namespace gradus
