// Row-softmax kernels: each row's log Σ exp (max subtracted, float64 exponentials and sums) and softmax
// cross-entropy's gradient g·(softmax − one-hot), rows split over the thread pool in fixed blocks (same
// bits for any thread count: every row is computed by one thread, in one order).
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "napi-views.h"
#include "thread-pool.h"

namespace gradus {
namespace {

constexpr long kRowsPerTask = 16;
constexpr long kParallelElements = 1 << 15;

template <typename Body>
void forRows(long rows, long cols, Body body) {
  const long tasks = (rows + kRowsPerTask - 1) / kRowsPerTask;
  auto task = [&](long t) {
    const long end = std::min(rows, (t + 1) * kRowsPerTask);
    for (long r = t * kRowsPerTask; r < end; ++r) body(r);
  };
  if (rows * cols >= kParallelElements && tasks > 1)
    parallelFor(tasks, task);
  else
    for (long t = 0; t < tasks; ++t) task(t);
}

/**
 * e^x in double within ≈ 2 ulp, branch-free so that loops of it vectorize (glibc's exp is a call per
 * element: it took most of a [2048, 256] cross-entropy): x − k·ln 2 with k = round(x / ln 2) (ln 2 split
 * in two so k·ln2Hi is exact), Taylor to the 13th power on |r| ≤ ln 2 / 2 (truncation < 1e-17), times
 * 2ᵏ in two normal factors (down to the subnormals); ±∞ and NaN as std::exp.
 */
__attribute__((always_inline)) inline double expPolynomial(double x) {
  constexpr double kRound = 6755399441055744.0;  // 1.5·2⁵², rounds to an integer in the low bits
  const double clamped = std::min(std::max(x, -745.5), 709.8);
  const double shifted = clamped * 1.4426950408889634 + kRound;
  const double n = shifted - kRound;
  const double r = (clamped - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
  double p = 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  int64_t k, base;
  std::memcpy(&k, &shifted, sizeof k);
  std::memcpy(&base, &kRound, sizeof base);
  k -= base;
  const int64_t high = std::min<int64_t>(std::max<int64_t>(k, -1022), 1023);
  const int64_t highBits = (high + 1023) << 52, lowBits = (k - high + 1023) << 52;
  double scaleHigh, scaleLow;
  std::memcpy(&scaleHigh, &highBits, sizeof scaleHigh);
  std::memcpy(&scaleLow, &lowBits, sizeof scaleLow);
  const double y = p * scaleHigh * scaleLow;
  return x > 709.782712893384 ? std::numeric_limits<double>::infinity() : x < -745.2 ? 0.0 : y;
}

constexpr int kLanes = 8;

/**
 * Σ_c e^(row[c] − shift) (the difference rounded in T, as the scalar loop did), summed in 8 lanes; the
 * exponentials go through a block on the stack so that both loops vectorize.
 */
template <typename T>
__attribute__((always_inline)) inline double expSumRow(const T* row, long cols, T shift) {
  constexpr long kBlock = 64;
  double lanes[kLanes] = {};
  double block[kBlock];
  long c = 0;
  for (; c + kBlock <= cols; c += kBlock) {
    for (long j = 0; j < kBlock; ++j) block[j] = expPolynomial(static_cast<double>(row[c + j] - shift));
    for (long j = 0; j < kBlock; j += kLanes)
      for (int l = 0; l < kLanes; ++l) lanes[l] += block[j + l];
  }
  double total = 0;
  for (int l = 0; l < kLanes; ++l) total += lanes[l];
  for (; c < cols; ++c) total += expPolynomial(static_cast<double>(row[c] - shift));
  return total;
}

/** target[c] = scale·e^(row[c] − shift) for every c. */
template <typename T>
__attribute__((always_inline)) inline void scaledExpRow(const T* row, long cols, double shift, double scale,
                                                        T* target) {
  for (long c = 0; c < cols; ++c)
    target[c] = static_cast<T>(scale * expPolynomial(static_cast<double>(row[c]) - shift));
}

/** The largest of row[0, cols) (NaNs skipped, as `row[c] > peak` skips them), in 16 lanes. */
template <typename T>
__attribute__((always_inline)) inline T peakOfRow(const T* row, long cols) {
  constexpr int kPeakLanes = 16;
  T lanes[kPeakLanes];
  std::fill(lanes, lanes + kPeakLanes, -std::numeric_limits<T>::infinity());
  long c = 0;
  for (; c + kPeakLanes <= cols; c += kPeakLanes)
    for (int l = 0; l < kPeakLanes; ++l) lanes[l] = row[c + l] > lanes[l] ? row[c + l] : lanes[l];
  T peak = -std::numeric_limits<T>::infinity();
  for (int l = 0; l < kPeakLanes; ++l) peak = lanes[l] > peak ? lanes[l] : peak;
  for (; c < cols; ++c) peak = row[c] > peak ? row[c] : peak;
  return peak;
}

// the vector loops compiled for AVX-512, AVX2 and the baseline, picked at load
__attribute__((target_clones("avx512f", "avx2", "default"))) float peakOf(const float* row, long cols) {
  return peakOfRow(row, cols);
}
__attribute__((target_clones("avx512f", "avx2", "default"))) double peakOf(const double* row, long cols) {
  return peakOfRow(row, cols);
}
__attribute__((target_clones("avx512f", "avx2", "default"))) double expSum(const float* row, long cols,
                                                                          float shift) {
  return expSumRow(row, cols, shift);
}
__attribute__((target_clones("avx512f", "avx2", "default"))) double expSum(const double* row, long cols,
                                                                          double shift) {
  return expSumRow(row, cols, shift);
}
__attribute__((target_clones("avx512f", "avx2", "default"))) void scaledExp(const float* row, long cols,
                                                                           double shift, double scale,
                                                                           float* target) {
  scaledExpRow(row, cols, shift, scale, target);
}
__attribute__((target_clones("avx512f", "avx2", "default"))) void scaledExp(const double* row, long cols,
                                                                           double shift, double scale,
                                                                           double* target) {
  scaledExpRow(row, cols, shift, scale, target);
}

template <typename T>
void logSumExpRows(const T* x, long rows, long cols, double* lse) {
  forRows(rows, cols, [&](long r) {
    const T* row = x + r * cols;
    const T peak = peakOf(row, cols);
    // NOTE: an infinite peak is not subtracted (inf − inf would turn the row into NaN)
    const T shift = std::isinf(peak) ? T(0) : peak;
    lse[r] = static_cast<double>(shift) + std::log(expSum(row, cols, shift));
  });
}

template <typename T>
void softmaxCrossEntropyGrad(const T* x, const int* labels, const double* lse, const double* g,
                             bool oneScale, long rows, long cols, T* out) {
  forRows(rows, cols, [&](long r) {
    const T* row = x + r * cols;
    T* target = out + r * cols;
    const double shift = lse[r];
    const double scale = oneScale ? g[0] : g[r];
    scaledExp(row, cols, shift, scale, target);
    const long label = labels[r];
    target[label] = static_cast<T>(scale * (expPolynomial(static_cast<double>(row[label]) - shift) - 1));
  });
}

// (x, lse): rows = lse.length, cols = x.length / rows
napi_value LogSumExpRows(napi_env env, napi_callback_info info) {
  View v[2];
  if (!readViews(env, info, v, 2, "softmax")) return nullptr;
  const long rows = static_cast<long>(v[1].length);
  const long cols = rows == 0 ? 0 : static_cast<long>(v[0].length) / rows;
  double* lse = static_cast<double*>(v[1].data);
  if (v[0].type == napi_float32_array)
    logSumExpRows(static_cast<const float*>(v[0].data), rows, cols, lse);
  else
    logSumExpRows(static_cast<const double*>(v[0].data), rows, cols, lse);
  return nullptr;
}

// (x, labels, lse, g, out)
napi_value SoftmaxCrossEntropyGrad(napi_env env, napi_callback_info info) {
  View v[5];
  if (!readViews(env, info, v, 5, "softmax")) return nullptr;
  const long rows = static_cast<long>(v[2].length);
  const long cols = rows == 0 ? 0 : static_cast<long>(v[0].length) / rows;
  const int* labels = static_cast<const int*>(v[1].data);
  const double* lse = static_cast<const double*>(v[2].data);
  const double* g = static_cast<const double*>(v[3].data);
  const bool oneScale = v[3].length == 1;
  if (v[0].type == napi_float32_array)
    softmaxCrossEntropyGrad(static_cast<const float*>(v[0].data), labels, lse, g, oneScale, rows,
                            cols, static_cast<float*>(v[4].data));
  else
    softmaxCrossEntropyGrad(static_cast<const double*>(v[0].data), labels, lse, g, oneScale, rows,
                            cols, static_cast<double*>(v[4].data));
  return nullptr;
}

}  // namespace

void registerSoftmax(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"logSumExpRows", nullptr, LogSumExpRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"softmaxCrossEntropyGrad", nullptr, SoftmaxCrossEntropyGrad, nullptr, nullptr, nullptr,
       napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
}

}  // namespace gradus
