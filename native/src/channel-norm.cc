// Fused batch normalisation kernels: statistics per channel over batch and spatial positions in double
// (mean, then centred squares), one pass out. Channels (or blocks of channels, when each channel is
// one column of [N, C]) go to threads whole: results never depend on the thread count.
#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "norm-loops.h"
#include "normalization.h"

namespace gradus {
namespace {

constexpr long kColumnBlock = 64;  // channels per task when each channel is a column (spatial 1)

/** Σ over the batch of Σ over each run of `spatial` values of term(run pointer offset, index). */
template <typename F>
double sumChannel(const ChannelNormDims& d, long c, F term) {
  double total = 0;
  for (long n = 0; n < d.batch; ++n) {
    const long start = (n * d.channels + c) * d.spatial;
    total += sum8(d.spatial, [&](long s) { return term(start + s); });
  }
  return total;
}

/** Channels [c0, c1) of [N, C] (spatial 1): acc[k] = Σ over rows, in order, of term(index, k). */
template <typename F>
void sumColumns(const ChannelNormDims& d, long c0, long c1, double* acc, F term) {
  std::fill(acc, acc + (c1 - c0), 0.0);
  for (long n = 0; n < d.batch; ++n)
    for (long k = 0, i = n * d.channels + c0; k < c1 - c0; ++k, ++i) acc[k] += term(i, k);
}

}  // namespace

template <typename T>
void channelNormForward(const T* x, const T* w, const T* b, const ChannelNormDims& d, T* out,
                        double* mean, double* variance) {
  const double count = static_cast<double>(d.batch * d.spatial);
  const long work = d.batch * d.channels * d.spatial;
  auto statistics = [&](long c, double mu, double squares) {
    if (d.training) mean[c] = mu, variance[c] = squares / count;
    const double rs = 1.0 / std::sqrt(variance[c] + d.eps);
    return std::pair<double, double>{w ? rs * w[c] : rs, b ? static_cast<double>(b[c]) : 0.0};
  };
  if (d.spatial == 1) {
    const long blocks = (d.channels + kColumnBlock - 1) / kColumnBlock;
    forEach(blocks, work, [&](long k) {
      const long c0 = k * kColumnBlock, c1 = std::min(d.channels, c0 + kColumnBlock);
      double mu[kColumnBlock], squares[kColumnBlock], scale[kColumnBlock], shift[kColumnBlock];
      if (d.training) {
        sumColumns(d, c0, c1, mu, [&](long i, long) { return static_cast<double>(x[i]); });
        for (long c = c0; c < c1; ++c) mu[c - c0] /= count;
        sumColumns(d, c0, c1, squares, [&](long i, long k) {
          const double centred = x[i] - mu[k];
          return centred * centred;
        });
      }
      for (long c = c0; c < c1; ++c) {
        const double m = d.training ? mu[c - c0] : mean[c];
        std::tie(scale[c - c0], shift[c - c0]) = statistics(c, m, d.training ? squares[c - c0] : 0);
        mu[c - c0] = m;
      }
      for (long n = 0; n < d.batch; ++n)
        for (long c = c0, i = n * d.channels + c0; c < c1; ++c, ++i)
          out[i] = static_cast<T>((x[i] - mu[c - c0]) * scale[c - c0] + shift[c - c0]);
    });
    return;
  }
  forEach(d.channels, work, [&](long c) {
    double mu = mean[c], squares = 0;
    if (d.training) {
      mu = sumChannel(d, c, [&](long i) { return static_cast<double>(x[i]); }) / count;
      squares = sumChannel(d, c, [&](long i) {
        const double centred = x[i] - mu;
        return centred * centred;
      });
    }
    const auto [scale, shift] = statistics(c, mu, squares);
    for (long n = 0; n < d.batch; ++n) {
      const long start = (n * d.channels + c) * d.spatial;
      for (long i = start; i < start + d.spatial; ++i)
        out[i] = static_cast<T>((x[i] - mu) * scale + shift);
    }
  });
}

template <typename T>
void channelNormBackward(const T* g, const T* x, const double* mean, const double* rstd,
                         const T* w, const ChannelNormDims& d, T* dx, T* dWeight, T* dBias) {
  const double count = static_cast<double>(d.batch * d.spatial);
  const long work = d.batch * d.channels * d.spatial;
  // per channel: Σ g and Σ g·x̂, then dx = w·r·(g − Σg/n − x̂·Σg·x̂/n) (training) or w·r·g
  auto finish = [&](long c, double sumG, double sumGXhat, double* coefficients) {
    if (dWeight != nullptr) dWeight[c] = static_cast<T>(sumGXhat);
    if (dBias != nullptr) dBias[c] = static_cast<T>(sumG);
    const double scale = (w ? static_cast<double>(w[c]) : 1.0) * rstd[c];
    coefficients[0] = scale;
    coefficients[1] = d.training ? sumG / count : 0.0;
    coefficients[2] = d.training ? rstd[c] * sumGXhat / count : 0.0;
  };
  if (d.spatial == 1) {
    const long blocks = (d.channels + kColumnBlock - 1) / kColumnBlock;
    forEach(blocks, work, [&](long k) {
      const long c0 = k * kColumnBlock, c1 = std::min(d.channels, c0 + kColumnBlock);
      double sumG[kColumnBlock], sumGX[kColumnBlock], co[kColumnBlock][3];
      const double* m = mean + c0;
      sumColumns(d, c0, c1, sumG, [&](long i, long) { return static_cast<double>(g[i]); });
      sumColumns(d, c0, c1, sumGX, [&](long i, long k) { return g[i] * (x[i] - m[k]); });
      for (long c = c0; c < c1; ++c) finish(c, sumG[c - c0], sumGX[c - c0] * rstd[c], co[c - c0]);
      if (dx == nullptr) return;
      for (long n = 0; n < d.batch; ++n)
        for (long c = c0, i = n * d.channels + c0; c < c1; ++c, ++i) {
          const double* k3 = co[c - c0];
          dx[i] = static_cast<T>(k3[0] * (g[i] - k3[1] - (x[i] - mean[c]) * k3[2]));
        }
    });
    return;
  }
  forEach(d.channels, work, [&](long c) {
    const double mu = mean[c];
    const double sumG = sumChannel(d, c, [&](long i) { return static_cast<double>(g[i]); });
    const double sumGX = sumChannel(d, c, [&](long i) { return g[i] * (x[i] - mu); }) * rstd[c];
    double k3[3];
    finish(c, sumG, sumGX, k3);
    if (dx == nullptr) return;
    for (long n = 0; n < d.batch; ++n) {
      const long start = (n * d.channels + c) * d.spatial;
      for (long i = start; i < start + d.spatial; ++i)
        dx[i] = static_cast<T>(k3[0] * (g[i] - k3[1] - (x[i] - mu) * k3[2]));
    }
  });
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
