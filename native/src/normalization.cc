// Fused row normalisation kernels (layerNorm, groupNorm): two-pass statistics in double (mean, then
// centred squares), one pass out. Rows go to threads whole, and the weight gradients are summed per
// fixed chunk of rows, then the chunks in order: results never depend on the thread count.
#include <algorithm>
#include <cmath>
#include <vector>

#include "norm-loops.h"
#include "normalization.h"

namespace gradus {
namespace {

constexpr long kMaxRowChunks = 64;  // row chunks of the weight gradients' partial sums

/** out[j] = (x[j] − mu)·r·w[j] + b[j] in T's arithmetic (a row whose elements are its channels). */
template <typename T>
inline void affineRow(const T* __restrict__ x, long n, double mu, double rs,
                      const T* __restrict__ w, const T* __restrict__ b, T* __restrict__ out) {
  const Centre<T> centre(mu);
  const T r = static_cast<T>(rs);
  if (w != nullptr && b != nullptr)
    for (long j = 0; j < n; ++j) out[j] = centre(x[j]) * (r * w[j]) + b[j];
  else if (w != nullptr)
    for (long j = 0; j < n; ++j) out[j] = centre(x[j]) * (r * w[j]);
  else if (b != nullptr)
    for (long j = 0; j < n; ++j) out[j] = centre(x[j]) * r + b[j];
  else
    for (long j = 0; j < n; ++j) out[j] = centre(x[j]) * r;
}

/** out[j] = (x[j] − mu)·scale + shift in T's arithmetic, for a run of one channel. */
template <typename T>
inline void affineRun(const T* __restrict__ x, long n, double mu, double scale, double shift,
                      T* __restrict__ out) {
  const Centre<T> centre(mu);
  const T a = static_cast<T>(scale), c = static_cast<T>(shift);
  for (long j = 0; j < n; ++j) out[j] = centre(x[j]) * a + c;
}

/** One row: its mean and 1/√(σ² + eps) into *mean and *rstd, then its normalised, scaled values. */
template <typename T>
GRADUS_VECTOR_CLONES void forwardRow(const T* x, long length, long span, const T* w, const T* b,
                                     double eps, T* out, double* mean, double* rstd) {
  const double mu = sum8(length, [&](long j) { return static_cast<double>(x[j]); }) / length;
  const double squares = sum8(length, [&](long j) {
    const double c = x[j] - mu;
    return c * c;
  });
  const double rs = 1.0 / std::sqrt(squares / length + eps);
  *mean = mu;
  *rstd = rs;
  if (span == 1) return affineRow(x, length, mu, rs, w, b, out);
  for (long c = 0, j = 0; j < length; ++c, j += span)
    affineRun(x + j, span, mu, w ? rs * w[c] : rs, b ? static_cast<double>(b[c]) : 0.0, out + j);
}

/** One row's backward when every element is its own channel (span 1): accumulates Σ g·x̂, Σ g. */
template <typename T>
GRADUS_VECTOR_CLONES void rowBackwardElementwise(const T* __restrict__ g, const T* __restrict__ x,
                                                 double mu, double rs, const T* __restrict__ w,
                                                 long n, T* __restrict__ dx,
                                                 double* __restrict__ sumGX,
                                                 double* __restrict__ sumG) {
  // one pass: Σ gy and Σ gy·x̂ in eight partial sums each, and each channel's Σ g·x̂ and Σ g
  double pa[8] = {0, 0, 0, 0, 0, 0, 0, 0}, pb[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  auto step = [&](long j, int lane) {
    const double gj = g[j], xhat = (x[j] - mu) * rs;
    const double gy = w != nullptr ? gj * static_cast<double>(w[j]) : gj;
    pa[lane] += gy;
    pb[lane] += gy * xhat;
    if (sumGX != nullptr) sumGX[j] += gj * xhat, sumG[j] += gj;
  };
  long j = 0;
  for (; j + 8 <= n; j += 8)
    for (int l = 0; l < 8; ++l) step(j + l, l);
  for (; j < n; ++j) step(j, 0);
  if (dx == nullptr) return;
  const double meanGy = combine8(pa) / n, meanGyX = combine8(pb) / n;
  const Centre<T> centre(mu);
  const T r = static_cast<T>(rs), a = static_cast<T>(meanGy), b = static_cast<T>(rs * meanGyX);
  if (w != nullptr)
    for (long k = 0; k < n; ++k) dx[k] = r * (g[k] * w[k] - a - centre(x[k]) * b);
  else
    for (long k = 0; k < n; ++k) dx[k] = r * (g[k] - a - centre(x[k]) * b);
}

/** One row's backward in runs of `span` elements per channel (groupNorm). */
template <typename T>
GRADUS_VECTOR_CLONES void rowBackwardRuns(const T* __restrict__ g, const T* __restrict__ x,
                                          double mu, double rs, const T* __restrict__ w, long n,
                                          long span, T* __restrict__ dx, double* __restrict__ sumGX,
                                          double* __restrict__ sumG) {
  double a = 0, b = 0;
  for (long c = 0, j = 0; j < n; ++c, j += span) {
    const double wc = w != nullptr ? static_cast<double>(w[c]) : 1.0;
    const double sg = sum8(span, [&](long k) { return static_cast<double>(g[j + k]); });
    const double sgx = sum8(span, [&](long k) { return g[j + k] * (x[j + k] - mu); }) * rs;
    if (sumGX != nullptr) sumGX[c] += sgx, sumG[c] += sg;
    a += wc * sg;
    b += wc * sgx;
  }
  if (dx == nullptr) return;
  const Centre<T> centre(mu);
  const T r = static_cast<T>(rs), meanGy = static_cast<T>(a / n);
  const T scaledMeanGyX = static_cast<T>(rs * b / n);
  for (long c = 0, j = 0; j < n; ++c, j += span) {
    const T wc = w != nullptr ? w[c] : T(1);
    for (long k = j; k < j + span; ++k)
      dx[k] = r * (g[k] * wc - meanGy - centre(x[k]) * scaledMeanGyX);
  }
}

}  // namespace

template <typename T>
void rowNormForward(const T* x, const T* w, const T* b, const RowNormDims& d, T* out, double* mean,
                    double* rstd) {
  forEach(d.rows, d.rows * d.length, [&](long r) {
    const long start = r * d.length;
    const long c0 = (start / d.span) % d.channels;
    forwardRow(x + start, d.length, d.span, w ? w + c0 : nullptr, b ? b + c0 : nullptr, d.eps,
               out + start, mean + r, rstd + r);
  });
}

template <typename T>
void rowNormBackward(const T* g, const T* x, const double* mean, const double* rstd, const T* w,
                     const RowNormDims& d, T* dx, T* dWeight, T* dBias) {
  const long length = d.length, span = d.span, channels = d.channels;
  const long perChunk = std::max(16L, (d.rows + kMaxRowChunks - 1) / kMaxRowChunks);
  const long chunks = (d.rows + perChunk - 1) / perChunk;
  const bool affine = dWeight != nullptr || dBias != nullptr;
  // per chunk: Σ g·x̂ then Σ g for every channel, summed over the chunks in order at the end
  std::vector<double> partial(affine ? chunks * 2 * channels : 0, 0.0);
  forEach(chunks, d.rows * length, [&](long k) {
    for (long r = k * perChunk; r < std::min(d.rows, (k + 1) * perChunk); ++r) {
      const long start = r * length;
      const long c0 = (start / span) % channels;
      double* sumGX = affine ? partial.data() + k * 2 * channels + c0 : nullptr;
      double* sumG = affine ? sumGX + channels : nullptr;
      const T* wr = w != nullptr ? w + c0 : nullptr;
      T* out = dx != nullptr ? dx + start : nullptr;
      if (span == 1)
        rowBackwardElementwise(g + start, x + start, mean[r], rstd[r], wr, length, out, sumGX,
                               sumG);
      else
        rowBackwardRuns(g + start, x + start, mean[r], rstd[r], wr, length, span, out, sumGX, sumG);
    }
  });
  if (!affine) return;
  for (long c = 0; c < channels; ++c) {
    double gx = 0, gsum = 0;
    for (long k = 0; k < chunks; ++k) {
      gx += partial[k * 2 * channels + c];
      gsum += partial[k * 2 * channels + channels + c];
    }
    if (dWeight != nullptr) dWeight[c] = static_cast<T>(gx);
    if (dBias != nullptr) dBias[c] = static_cast<T>(gsum);
  }
}

template void rowNormForward<float>(const float*, const float*, const float*, const RowNormDims&,
                                    float*, double*, double*);
template void rowNormForward<double>(const double*, const double*, const double*,
                                     const RowNormDims&, double*, double*, double*);
template void rowNormBackward<float>(const float*, const float*, const double*, const double*,
                                     const float*, const RowNormDims&, float*, float*, float*);
template void rowNormBackward<double>(const double*, const double*, const double*, const double*,
                                      const double*, const RowNormDims&, double*, double*, double*);

}  // namespace gradus
