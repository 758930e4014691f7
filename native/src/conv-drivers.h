// The convolutions of one ISA, each product on the method that suits its geometry: Winograd
// F(2×2, 3×3) (float32, AVX-512), direct stride-1 products on a padded image, short-row weight
// gradients, else the implicit GEMMs of conv-gemm.h.
#pragma once
#include <type_traits>

#include "conv-direct.h"
#include "conv-gemm.h"
#include "conv-weight-small.h"
#include "conv-winograd-weight.h"

namespace {

/** Whether the padded-domain products suit a convolution: stride 1, at most a third junk columns. */
inline bool directSuits(long stride, long outWidth, long kernelWidth, long dilationWidth) {
  return stride == 1 && 3 * outWidth >= 2 * (outWidth + (kernelWidth - 1) * dilationWidth);
}

/** The stride-1 forward product: Winograd F(2×2, 3×3) where it suits (float32, AVX-512), else direct. */
template <typename T, int MR, int NV>
void convForwardStrideOne(const T* x, const T* w, const T* bias, const ConvGeometry& g, T* y) {
#if VBYTES == 64
  if constexpr (std::is_same_v<T, float>)
    if (winogradSuits(g)) return convForwardWinograd(x, w, bias, g, y);
#endif
  convForwardDirect<T, MR, NV>(x, w, bias, g, y);
}

/** The convolutions of one ISA: direct where directSuits, else the packed implicit GEMM. */
template <typename T, int MR, int NV, long KC>
gradus::ConvFunctions<T> convFunctions() {
  return {
      [](const T* x, const T* w, const T* bias, const ConvGeometry& g, T* y) {
        const bool direct = g.strideHeight == 1 &&
                            directSuits(g.strideWidth, g.outWidth, g.kernelWidth, g.dilationWidth);
        (direct ? convForwardStrideOne<T, MR, NV> : convForwardTiles<T, MR, NV, KC>)(x, w, bias, g, y);
      },
      [](const T* y, const T* w, const ConvGeometry& g, T* x) {
        const bool direct = g.strideHeight == 1 && g.inChannels / g.groups >= MR &&
                            directSuits(g.strideWidth, g.width, g.kernelWidth, g.dilationWidth);
        if (direct) return convInputGradDirect<T, MR, NV>(y, w, g, x, convForwardStrideOne<T, MR, NV>);
        convInputGradTiles<T, MR, NV>(y, w, g, x);
      },
      [](const T* x, const T* y, const ConvGeometry& g, T* w) {
        constexpr int NR = NV * (VBYTES / sizeof(T));
        if (smallWeightSuits(g, NR)) return convWeightGradSmall<T, VBYTES == 64 ? 2 : 1>(x, y, g, w);
#if VBYTES == 64
        if constexpr (std::is_same_v<T, float>)
          if (winogradSuits(g) && (g.inChannels / g.groups) % 32 == 0 && (g.outChannels / g.groups) % 16 == 0)
            return convWeightGradWinograd(x, y, g, w);
#endif
        convWeightGradTiles<T, MR, NV, KC>(x, y, g, w);
      },
  };
}

}  // namespace
