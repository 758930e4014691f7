// Fused batch normalisation kernels: statistics per channel over batch and spatial positions in
// double (mean, then centred squares), one pass out. Channels (or blocks of channels, when each channel is
// one column of [N, C]) go to threads whole: results never depend on the thread count.
#include <algorithm>
#include <cmath>

#include "norm-loops.h"
#include "normalization.h"

namespace gradus {
namespace {

constexpr long kColumnBlock = 64;  // channels per task when each channel is a column (spatial 1)

/** Σ over the batch of the fixed-order sum of term(i) over channel c's run of spatial positions. */
template <typename F>
inline double sumChannel(const ChannelNormDims& d, long c, F term) {
  double total = 0;
  for (long n = 0; n < d.batch; ++n) {
    const long start = (n * d.channels + c) * d.spatial;
    total += sum8(d.spatial, [&](long s) { return term(start + s); });
  }
  return total;
}

/** Channels [c0, c1) of [N, C] (spatial 1): acc[k] = Σ over rows, in order, of term(index, k). */
template <typename F>
inline void sumColumns(const ChannelNormDims& d, long c0, long c1, double* acc, F term) {
  std::fill(acc, acc + (c1 - c0), 0.0);
  for (long n = 0; n < d.batch; ++n)
    for (long k = 0, i = n * d.channels + c0; k < c1 - c0; ++k, ++i) acc[k] += term(i, k);
}

/** Channel c's scale w·r and shift b, after writing its batch statistics when training. */
template <typename T>
inline void affineOf(const T* w, const T* b, const ChannelNormDims& d, long c, double mu,
                     double squares, double* mean, double* variance, double* scale, double* shift) {
  if (d.training) mean[c] = mu, variance[c] = squares / static_cast<double>(d.batch * d.spatial);
  const double rs = 1.0 / std::sqrt(variance[c] + d.eps);
  *scale = w != nullptr ? rs * w[c] : rs;
  *shift = b != nullptr ? static_cast<double>(b[c]) : 0.0;
}

template <typename T>
GRADUS_VECTOR_CLONES void forwardChannel(const T* x, const T* w, const T* b,
                                         const ChannelNormDims& d, long c, T* out, double* mean,
                                         double* variance) {
  double mu = mean[c], squares = 0, scale, shift;
  if (d.training) {
    mu = sumChannel(d, c, [&](long i) { return static_cast<double>(x[i]); }) /
         static_cast<double>(d.batch * d.spatial);
    squares = sumChannel(d, c, [&](long i) { return (x[i] - mu) * (x[i] - mu); });
  }
  affineOf(w, b, d, c, mu, squares, mean, variance, &scale, &shift);
  const Centre<T> centre(mu);
  const T a = static_cast<T>(scale), s = static_cast<T>(shift);
  for (long n = 0; n < d.batch; ++n) {
    const long start = (n * d.channels + c) * d.spatial;
    for (long i = start; i < start + d.spatial; ++i) out[i] = centre(x[i]) * a + s;
  }
}

template <typename T>
GRADUS_VECTOR_CLONES void forwardColumns(const T* x, const T* w, const T* b,
                                         const ChannelNormDims& d, long c0, long c1, T* out,
                                         double* mean, double* variance) {
  double mu[kColumnBlock], squares[kColumnBlock] = {}, scale[kColumnBlock], shift[kColumnBlock];
  if (d.training) {
    sumColumns(d, c0, c1, mu, [&](long i, long) { return static_cast<double>(x[i]); });
    for (long k = 0; k < c1 - c0; ++k) mu[k] /= static_cast<double>(d.batch);
    sumColumns(d, c0, c1, squares, [&](long i, long k) { return (x[i] - mu[k]) * (x[i] - mu[k]); });
  } else {
    std::copy(mean + c0, mean + c1, mu);
  }
  for (long c = c0; c < c1; ++c)
    affineOf(w, b, d, c, mu[c - c0], squares[c - c0], mean, variance, &scale[c - c0],
             &shift[c - c0]);
  for (long n = 0; n < d.batch; ++n)
    for (long k = 0, i = n * d.channels + c0; k < c1 - c0; ++k, ++i)
      out[i] = static_cast<T>((x[i] - mu[k]) * scale[k] + shift[k]);
}

/** dWeight, dBias of channel c, and the coefficients of dx = k0·(g − k1 − (x − μ)·k2). */
template <typename T>
inline void finish(const T* w, const double* rstd, const ChannelNormDims& d, long c, double sumG,
                   double sumGXhat, T* dWeight, T* dBias, double* k) {
  const double count = static_cast<double>(d.batch * d.spatial);
  if (dWeight != nullptr) dWeight[c] = static_cast<T>(sumGXhat);
  if (dBias != nullptr) dBias[c] = static_cast<T>(sumG);
  k[0] = (w != nullptr ? static_cast<double>(w[c]) : 1.0) * rstd[c];
  k[1] = d.training ? sumG / count : 0.0;
  k[2] = d.training ? rstd[c] * sumGXhat / count : 0.0;
}

template <typename T>
GRADUS_VECTOR_CLONES void backwardChannel(const T* g, const T* x, const double* mean,
                                          const double* rstd, const T* w, const ChannelNormDims& d,
                                          long c, T* dx, T* dWeight, T* dBias) {
  const double mu = mean[c];
  const double sumG = sumChannel(d, c, [&](long i) { return static_cast<double>(g[i]); });
  const double sumGX = sumChannel(d, c, [&](long i) { return g[i] * (x[i] - mu); }) * rstd[c];
  double k[3];
  finish(w, rstd, d, c, sumG, sumGX, dWeight, dBias, k);
  if (dx == nullptr) return;
  const Centre<T> centre(mu);
  const T k0 = static_cast<T>(k[0]), k1 = static_cast<T>(k[1]), k2 = static_cast<T>(k[2]);
  for (long n = 0; n < d.batch; ++n) {
    const long start = (n * d.channels + c) * d.spatial;
    for (long i = start; i < start + d.spatial; ++i) dx[i] = k0 * (g[i] - k1 - centre(x[i]) * k2);
  }
}

template <typename T>
GRADUS_VECTOR_CLONES void backwardColumns(const T* g, const T* x, const double* mean,
                                          const double* rstd, const T* w, const ChannelNormDims& d,
                                          long c0, long c1, T* dx, T* dWeight, T* dBias) {
  double sumG[kColumnBlock], sumGX[kColumnBlock], k[kColumnBlock][3];
  const double* m = mean + c0;
  sumColumns(d, c0, c1, sumG, [&](long i, long) { return static_cast<double>(g[i]); });
  sumColumns(d, c0, c1, sumGX, [&](long i, long j) { return g[i] * (x[i] - m[j]); });
  for (long c = c0; c < c1; ++c)
    finish(w, rstd, d, c, sumG[c - c0], sumGX[c - c0] * rstd[c], dWeight, dBias, k[c - c0]);
  if (dx == nullptr) return;
  for (long n = 0; n < d.batch; ++n)
    for (long j = 0, i = n * d.channels + c0; j < c1 - c0; ++j, ++i)
      dx[i] = static_cast<T>(k[j][0] * (g[i] - k[j][1] - (x[i] - m[j]) * k[j][2]));
}

}  // namespace

template <typename T>
void channelNormForward(const T* x, const T* w, const T* b, const ChannelNormDims& d, T* out,
                        double* mean, double* variance) {
  const long work = d.batch * d.channels * d.spatial;
  if (d.spatial == 1) {
    forEach((d.channels + kColumnBlock - 1) / kColumnBlock, work, [&](long block) {
      const long c0 = block * kColumnBlock, c1 = std::min(d.channels, c0 + kColumnBlock);
      forwardColumns(x, w, b, d, c0, c1, out, mean, variance);
    });
    return;
  }
  forEach(d.channels, work, [&](long c) { forwardChannel(x, w, b, d, c, out, mean, variance); });
}

template <typename T>
void channelNormBackward(const T* g, const T* x, const double* mean, const double* rstd,
                         const T* w, const ChannelNormDims& d, T* dx, T* dWeight, T* dBias) {
  const long work = d.batch * d.channels * d.spatial;
  if (d.spatial == 1) {
    forEach((d.channels + kColumnBlock - 1) / kColumnBlock, work, [&](long block) {
      const long c0 = block * kColumnBlock, c1 = std::min(d.channels, c0 + kColumnBlock);
      backwardColumns(g, x, mean, rstd, w, d, c0, c1, dx, dWeight, dBias);
    });
    return;
  }
  forEach(d.channels, work,
          [&](long c) { backwardChannel(g, x, mean, rstd, w, d, c, dx, dWeight, dBias); });
}

template void channelNormForward<float>(const float*, const float*, const float*,
                                        const ChannelNormDims&, float*, double*, double*);
template void channelNormForward<double>(const double*, const double*, const double*,
                                         const ChannelNormDims&, double*, double*, double*);
template void channelNormBackward<float>(const float*, const float*, const double*, const double*,
                                         const float*, const ChannelNormDims&, float*, float*,
                                         float*);
template void channelNormBackward<double>(const double*, const double*, const double*,
                                          const double*, const double*, const ChannelNormDims&,
                                          double*, double*, double*);

}  // namespace gradus
