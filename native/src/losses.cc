// Fused loss kernels: binary cross-entropy from logits in one pass, with σ(z) for the backward.
#include <algorithm>
#include <cmath>

#include "kernels.h"

namespace gradus {

template <typename T>
void sigmoidCrossEntropy(const T* z, const T* y, long n, double* losses, double* sigma) {
  // max(z, 0) − z·y + log(1 + e^{−|z|}) in float64, as the js reference; σ(z) from the same e^{−|z|}
  for (long i = 0; i < n; ++i) {
    const double zi = z[i];
    const double e = std::exp(-std::fabs(zi));
    losses[i] = std::max(zi, 0.0) - zi * static_cast<double>(y[i]) + std::log1p(e);
    if (sigma != nullptr) sigma[i] = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
  }
}

template void sigmoidCrossEntropy<float>(const float*, const float*, long, double*, double*);
template void sigmoidCrossEntropy<double>(const double*, const double*, long, double*, double*);

}  // namespace gradus
