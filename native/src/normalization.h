// Fused normalisation kernels (contract: src/backend/normalization-kernels.ts) and their N-API
// registration.
#pragma once
#include <node_api.h>

namespace gradus {

/** x as [rows, length]; element i scales by weight[(i / span) % channels]. */
struct RowNormDims {
  long rows, length, span, channels;
  double eps;
};

/** x as [batch, channels, spatial], statistics per channel. */
struct ChannelNormDims {
  long batch, channels, spatial;
  double eps;
  bool training;
};

/** Null weight or bias: factor 1 or 0. Null gradient outputs are not computed. */
template <typename T>
void rowNormForward(const T* x, const T* weight, const T* bias, const RowNormDims& d, T* out,
                    double* mean, double* rstd);

template <typename T>
void rowNormBackward(const T* g, const T* x, const double* mean, const double* rstd,
                     const T* weight, const RowNormDims& d, T* dx, T* dWeight, T* dBias);

template <typename T>
void channelNormForward(const T* x, const T* weight, const T* bias, const ChannelNormDims& d,
                        T* out, double* mean, double* variance);

template <typename T>
void channelNormBackward(const T* g, const T* x, const double* mean, const double* rstd,
                         const T* weight, const ChannelNormDims& d, T* dx, T* dWeight, T* dBias);

/** Adds rowNormForward, rowNormBackward, channelNormForward, channelNormBackward to `exports`. */
void registerNormalization(napi_env env, napi_value exports);

}  // namespace gradus
