// Fused optimizer updates (contract: src/backend/optimizer-kernels.ts) and their N-API registration.
#pragma once
#include <node_api.h>

#include <cstdint>

namespace gradus {

/** Adam's scalars for one parameter's update; correction1/2 are 1 − β₁ᵗ and 1 − β₂ᵗ. */
struct AdamScalars {
  double lr, beta1, beta2, eps, weightDecay;
  bool decoupled;
  double correction1, correction2;
};

struct SgdScalars {
  double lr, momentum;
  bool nesterov;
  double weightDecay;
};

/** SparseAdam's scalars: stepSize = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ) in double, as PyTorch. */
struct SparseAdamScalars {
  double stepSize, beta1, beta2, eps;
};

/** θ, m, v updated in place over n elements (buffer null: no momentum). */
void adamUpdate(float* param, const float* grad, float* first, float* second, long n,
                const AdamScalars& s);
void adamUpdate(double* param, const double* grad, double* first, double* second, long n,
                const AdamScalars& s);
void sgdUpdate(float* param, const float* grad, float* buffer, long n, const SgdScalars& s);
void sgdUpdate(double* param, const double* grad, double* buffer, long n, const SgdScalars& s);

/** SparseAdam on `count` rows of `width` elements: row k of `rows` updates row indices[k] of θ, m, v. */
void sparseAdamUpdate(float* param, const float* rows, const int32_t* indices, long count, long width,
                      float* first, float* second, const SparseAdamScalars& s);
void sparseAdamUpdate(double* param, const double* rows, const int32_t* indices, long count,
                      long width, double* first, double* second, const SparseAdamScalars& s);

void registerOptimizer(napi_env env, napi_value exports);

}  // namespace gradus
