// Fused Adam/AdamW, SGD and SparseAdam updates: one pass over θ, g and the state, in the parameter's precision,
// with the js reference's order of operations. Built with -ffp-contract=off (no fused multiply-add, so
// the bits equal the reference's) and -fno-math-errno (so √ vectorises), for AVX-512, AVX2 and baseline.
#include <cmath>

#include "norm-loops.h"
#include "optimizer.h"

namespace gradus {
namespace {

enum Decay { kNone, kCoupled, kDecoupled };

template <typename T, Decay D>
__attribute__((always_inline)) inline void adamLoop(T* param, const T* grad, T* first, T* second,
                                                    long n, const AdamScalars& s) {
  const T beta1 = T(s.beta1), beta2 = T(s.beta2), rest1 = T(1 - s.beta1), rest2 = T(1 - s.beta2);
  const T decay = T(s.weightDecay), shrink = T(1 - s.lr * s.weightDecay);
  const T stepSize = T(s.lr / s.correction1), root2 = T(std::sqrt(s.correction2)), eps = T(s.eps);
  for (long i = 0; i < n; ++i) {
    T theta = param[i], g = grad[i];
    if (D == kDecoupled) theta = theta * shrink;
    if (D == kCoupled) g = g + decay * theta;
    const T m = beta1 * first[i] + rest1 * g;
    const T v = beta2 * second[i] + (rest2 * g) * g;
    first[i] = m;
    second[i] = v;
    const T denominator = std::sqrt(v) / root2 + eps;
    param[i] = theta - stepSize * (m / denominator);
  }
}

template <typename T>
__attribute__((always_inline)) inline void adamAny(T* param, const T* grad, T* first, T* second,
                                                   long n, const AdamScalars& s) {
  if (s.weightDecay == 0) adamLoop<T, kNone>(param, grad, first, second, n, s);
  else if (s.decoupled) adamLoop<T, kDecoupled>(param, grad, first, second, n, s);
  else adamLoop<T, kCoupled>(param, grad, first, second, n, s);
}

template <typename T, bool Decayed, bool Momentum, bool Nesterov>
__attribute__((always_inline)) inline void sgdLoop(T* param, const T* grad, T* buffer, long n,
                                                   const SgdScalars& s) {
  const T lr = T(s.lr), momentum = T(s.momentum), decay = T(s.weightDecay);
  for (long i = 0; i < n; ++i) {
    const T theta = param[i];
    T g = grad[i];
    if (Decayed) g = g + decay * theta;
    if (Momentum) {
      const T b = momentum * buffer[i] + g;
      buffer[i] = b;
      g = Nesterov ? g + momentum * b : b;
    }
    param[i] = theta - lr * g;
  }
}

template <typename T, bool Decayed>
__attribute__((always_inline)) inline void sgdMomentum(T* param, const T* grad, T* buffer, long n,
                                                       const SgdScalars& s) {
  if (buffer == nullptr) sgdLoop<T, Decayed, false, false>(param, grad, buffer, n, s);
  else if (s.nesterov) sgdLoop<T, Decayed, true, true>(param, grad, buffer, n, s);
  else sgdLoop<T, Decayed, true, false>(param, grad, buffer, n, s);
}

template <typename T>
__attribute__((always_inline)) inline void sgdAny(T* param, const T* grad, T* buffer, long n,
                                                  const SgdScalars& s) {
  if (s.weightDecay == 0) sgdMomentum<T, false>(param, grad, buffer, n, s);
  else sgdMomentum<T, true>(param, grad, buffer, n, s);
}

template <typename T>
__attribute__((always_inline)) inline void sparseAdamRows(T* param, const T* rows,
                                                          const int32_t* indices, long count,
                                                          long width, T* first, T* second,
                                                          const SparseAdamScalars& s) {
  const T rest1 = T(1 - s.beta1), rest2 = T(1 - s.beta2), negativeStep = T(-s.stepSize);
  const T eps = T(s.eps);
  for (long k = 0; k < count; ++k) {
    const long base = static_cast<long>(indices[k]) * width;
    T* theta = param + base;
    T* m = first + base;
    T* v = second + base;
    const T* g = rows + k * width;
    for (long j = 0; j < width; ++j) {
      const T m0 = m[j], v0 = v[j];
      const T u1 = (g[j] - m0) * rest1;
      const T u2 = (g[j] * g[j] - v0) * rest2;
      const T mean = m0 + u1;
      m[j] = mean;
      v[j] = v0 + u2;
      theta[j] = theta[j] + negativeStep * (mean / (std::sqrt(u2 + v0) + eps));
    }
  }
}

}  // namespace

GRADUS_VECTOR_CLONES void sparseAdamUpdate(float* param, const float* rows, const int32_t* indices,
                                           long count, long width, float* first, float* second,
                                           const SparseAdamScalars& s) {
  sparseAdamRows(param, rows, indices, count, width, first, second, s);
}

GRADUS_VECTOR_CLONES void sparseAdamUpdate(double* param, const double* rows,
                                           const int32_t* indices, long count, long width,
                                           double* first, double* second,
                                           const SparseAdamScalars& s) {
  sparseAdamRows(param, rows, indices, count, width, first, second, s);
}

GRADUS_VECTOR_CLONES void adamUpdate(float* param, const float* grad, float* first, float* second,
                                     long n, const AdamScalars& s) {
  adamAny(param, grad, first, second, n, s);
}

GRADUS_VECTOR_CLONES void adamUpdate(double* param, const double* grad, double* first,
                                     double* second, long n, const AdamScalars& s) {
  adamAny(param, grad, first, second, n, s);
}

GRADUS_VECTOR_CLONES void sgdUpdate(float* param, const float* grad, float* buffer, long n,
                                    const SgdScalars& s) {
  sgdAny(param, grad, buffer, n, s);
}

GRADUS_VECTOR_CLONES void sgdUpdate(double* param, const double* grad, double* buffer, long n,
                                    const SgdScalars& s) {
  sgdAny(param, grad, buffer, n, s);
}

}  // namespace gradus
