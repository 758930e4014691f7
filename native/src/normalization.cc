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

/** out[j] = (x[j] − mu)·scale[j] + shift[j] for a row whose channels are its elements (span 1). */
template <typename T>
void affineRow(const T* x, long n, double mu, double rs, const T* w, const T* b, T* out) {
  if (w != nullptr && b != nullptr)
    for (long j = 0; j < n; ++j) out[j] = static_cast<T>((x[j] - mu) * (rs * w[j]) + b[j]);
  else if (w != nullptr)
    for (long j = 0; j < n; ++j) out[j] = static_cast<T>((x[j] - mu) * (rs * w[j]));
  else if (b != nullptr)
    for (long j = 0; j < n; ++j) out[j] = static_cast<T>((x[j] - mu) * rs + b[j]);
  else
    for (long j = 0; j < n; ++j) out[j] = static_cast<T>((x[j] - mu) * rs);
}

/** out[j] = (x[j] − mu)·scale + shift for a run of one channel. */
template <typename T>
inline void affineRun(const T* x, long n, double mu, double scale, double shift, T* out) {
  for (long j = 0; j < n; ++j) out[j] = static_cast<T>((x[j] - mu) * scale + shift);
}

/** One row's backward when every element is its own channel (span 1): accumulates Σ g·x̂, Σ g. */
template <typename T>
void rowBackwardElementwise(const T* g, const T* x, double mu, double rs, const T* w, long n,
                            T* dx, double* sumGX, double* sumG) {
  if (sumGX != nullptr)
    for (long j = 0; j < n; ++j) {
      sumGX[j] += g[j] * ((x[j] - mu) * rs);
      sumG[j] += g[j];
    }
  if (dx == nullptr) return;
  auto gy = [&](long j) { return w != nullptr ? g[j] * static_cast<double>(w[j]) : g[j]; };
  const double meanGy = sum8(n, gy) / n;
  const double meanGyX = sum8(n, [&](long j) { return gy(j) * ((x[j] - mu) * rs); }) / n;
  for (long j = 0; j < n; ++j)
    dx[j] = static_cast<T>(rs * (gy(j) - meanGy - (x[j] - mu) * rs * meanGyX));
}

/** One row's backward in runs of `span` elements per channel (groupNorm). */
template <typename T>
void rowBackwardRuns(const T* g, const T* x, double mu, double rs, const T* w, long n, long span,
                     T* dx, double* sumGX, double* sumG) {
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
  const double meanGy = a / n, meanGyX = b / n;
  for (long c = 0, j = 0; j < n; ++c, j += span) {
    const double wc = w != nullptr ? static_cast<double>(w[c]) : 1.0;
    for (long k = j; k < j + span; ++k)
      dx[k] = static_cast<T>(rs * (g[k] * wc - meanGy - (x[k] - mu) * rs * meanGyX));
  }
}

}  // namespace

template <typename T>
void rowNormForward(const T* x, const T* w, const T* b, const RowNormDims& d, T* out, double* mean,
                    double* rstd) {
  const long length = d.length;
  forEach(d.rows, d.rows * length, [&](long r) {
    const long start = r * length;
    const T* xr = x + start;
    const double mu = sum8(length, [&](long j) { return static_cast<double>(xr[j]); }) / length;
    const double squares = sum8(length, [&](long j) {
      const double c = xr[j] - mu;
      return c * c;
    });
    const double rs = 1.0 / std::sqrt(squares / length + d.eps);
    mean[r] = mu;
    rstd[r] = rs;
    const long c0 = (start / d.span) % d.channels;
    if (d.span == 1) {
      affineRow(xr, length, mu, rs, w ? w + c0 : nullptr, b ? b + c0 : nullptr, out + start);
      return;
    }
    for (long c = c0, j = 0; j < length; ++c, j += d.span)
      affineRun(xr + j, d.span, mu, w ? rs * w[c] : rs, b ? static_cast<double>(b[c]) : 0.0,
                out + start + j);
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
        rowBackwardElementwise(g + start, x + start, mean[r], rstd[r], wr, length, out, sumGX, sumG);
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
