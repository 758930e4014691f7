// Row kernels of the fused attention (see attention-rows.h).
#include "attention-rows.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace gradus {
namespace {

constexpr int kLanes = 16;

/**
 * e^x in float within 2 ulp (Cephes' expf polynomial on x − n·ln 2, |x − n·ln 2| ≤ ln 2 / 2, times
 * 2ⁿ built in the exponent bits), branch-free so loops of it vectorize; x < −87.3 gives 0.
 */
__attribute__((always_inline)) inline float expPolynomial(float x) {
  const float clamped = std::min(std::max(x, -87.5f), 88.5f);
  // round to nearest by the 1.5·2²³ trick (no libm call, so it vectorizes on every ISA)
  const float n = (clamped * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  const float r = clamped - n * 0.693359375f - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return x < -87.3f ? 0.0f : y * scale;
}

__attribute__((target_clones("avx512f", "avx2", "default"))) float maxOf(const float* row, long n) {
  float lanes[kLanes];
  std::fill(lanes, lanes + kLanes, -std::numeric_limits<float>::infinity());
  long j = 0;
  for (; j + kLanes <= n; j += kLanes)
    for (int l = 0; l < kLanes; ++l) lanes[l] = std::max(lanes[l], row[j + l]);
  float peak = -std::numeric_limits<float>::infinity();
  for (int l = 0; l < kLanes; ++l) peak = std::max(peak, lanes[l]);
  for (; j < n; ++j) peak = std::max(peak, row[j]);
  return peak;
}

/** row[j] ← e^(row[j] − shift); returns Σ row[j] (summed in 16 lanes). */
__attribute__((target_clones("avx512f", "avx2", "default"))) float expSum(float* row, long n,
                                                                         float shift) {
  float lanes[kLanes] = {};
  long j = 0;
  for (; j + kLanes <= n; j += kLanes)
    for (int l = 0; l < kLanes; ++l) lanes[l] += (row[j + l] = expPolynomial(row[j + l] - shift));
  float total = 0;
  for (int l = 0; l < kLanes; ++l) total += lanes[l];
  for (; j < n; ++j) total += (row[j] = expPolynomial(row[j] - shift));
  return total;
}

/** row[n, m) ← −∞ with m = n rounded up to whole lanes (at most capacity), so vector loops need no tail. */
long padded(float* row, long n, long capacity) {
  const long m = std::min(capacity, (n + kLanes - 1) / kLanes * kLanes);
  std::fill(row + n, row + m, -std::numeric_limits<float>::infinity());
  return m;
}

inline uint32_t mix32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  return x ^ (x >> 16);
}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default"))) void scaleRow(float* row, long n,
                                                                          float factor) {
  for (long j = 0; j < n; ++j) row[j] *= factor;
}

void scaleRow(double* row, long n, double factor) {
  for (long j = 0; j < n; ++j) row[j] *= factor;
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void softmaxGradRow(
    float* dRow, const float* p, long n, float delta, float factor) {
  for (long j = 0; j < n; ++j) dRow[j] = factor * p[j] * (dRow[j] - delta);
}

void softmaxGradRow(double* dRow, const double* p, long n, double delta, double factor) {
  for (long j = 0; j < n; ++j) dRow[j] = factor * p[j] * (dRow[j] - delta);
}

double softmaxRow(float* row, long n, long capacity) {
  const long m = padded(row, n, capacity);
  const float peak = maxOf(row, m);
  if (peak == -std::numeric_limits<float>::infinity()) {
    std::memset(row, 0, sizeof(float) * m);
    return -std::numeric_limits<double>::infinity();
  }
  const float total = expSum(row, m, peak);
  scaleRow(row, n, 1.0f / total);
  return static_cast<double>(peak) + std::log(static_cast<double>(total));
}

double softmaxRow(double* row, long n, long) {
  double peak = -std::numeric_limits<double>::infinity();
  for (long j = 0; j < n; ++j) peak = std::max(peak, row[j]);
  if (peak == -std::numeric_limits<double>::infinity()) {
    std::memset(row, 0, sizeof(double) * n);
    return peak;
  }
  double total = 0;
  for (long j = 0; j < n; ++j) total += (row[j] = std::exp(row[j] - peak));
  for (long j = 0; j < n; ++j) row[j] /= total;
  return peak + std::log(total);
}

void expShiftedRow(float* row, long n, long capacity, double shift) {
  expSum(row, padded(row, n, capacity), static_cast<float>(shift));
}

void expShiftedRow(double* row, long n, long, double shift) {
  for (long j = 0; j < n; ++j) row[j] = std::exp(row[j] - shift);
}

uint32_t dropoutBits(uint32_t seed0, uint32_t seed1, uint64_t index) {
  const uint32_t low = static_cast<uint32_t>(index), high = static_cast<uint32_t>(index >> 32);
  return mix32(mix32(low ^ seed0) + high + seed1);
}

template <typename T>
void dropoutRow(const T* in, T* out, long n, uint32_t seed0, uint32_t seed1, uint64_t first,
                uint32_t threshold, T kept) {
  for (long j = 0; j < n; ++j)
    out[j] = dropoutBits(seed0, seed1, first + j) >= threshold ? in[j] * kept : T(0);
}

template void dropoutRow<float>(const float*, float*, long, uint32_t, uint32_t, uint64_t, uint32_t,
                                float);
template void dropoutRow<double>(const double*, double*, long, uint32_t, uint32_t, uint64_t,
                                 uint32_t, double);

}  // namespace gradus
