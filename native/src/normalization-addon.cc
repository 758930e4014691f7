// N-API wrappers of the normalisation kernels: typed arrays in, then the dimensions as a
// Float64Array; an empty typed array stands for an absent weight, bias or gradient output.
#include <node_api.h>

#include "napi-views.h"

#include "normalization.h"

namespace gradus {
namespace {

template <typename T>
T* at(const View& view) {
  return view.length == 0 ? nullptr : static_cast<T*>(view.data);
}

RowNormDims rowDims(const View& view) {
  const double* d = static_cast<const double*>(view.data);
  return {static_cast<long>(d[0]), static_cast<long>(d[1]), static_cast<long>(d[2]),
          static_cast<long>(d[3]), d[4]};
}

ChannelNormDims channelDims(const View& view) {
  const double* d = static_cast<const double*>(view.data);
  return {static_cast<long>(d[0]), static_cast<long>(d[1]), static_cast<long>(d[2]), d[3],
          d[4] != 0};
}

// (x, weight, bias, out, mean, rstd, [rows, length, span, channels, eps])
napi_value RowNormForward(napi_env env, napi_callback_info info) {
  View v[7];
  if (!readViews(env, info, v, 7, "normalisation")) return nullptr;
  if (v[0].type == napi_float32_array)
    rowNormForward(at<float>(v[0]), at<float>(v[1]), at<float>(v[2]), rowDims(v[6]),
                   at<float>(v[3]), at<double>(v[4]), at<double>(v[5]));
  else
    rowNormForward(at<double>(v[0]), at<double>(v[1]), at<double>(v[2]), rowDims(v[6]),
                   at<double>(v[3]), at<double>(v[4]), at<double>(v[5]));
  return nullptr;
}

// (g, x, mean, rstd, weight, dx, dWeight, dBias, [rows, length, span, channels, eps])
napi_value RowNormBackward(napi_env env, napi_callback_info info) {
  View v[9];
  if (!readViews(env, info, v, 9, "normalisation")) return nullptr;
  if (v[0].type == napi_float32_array)
    rowNormBackward(at<float>(v[0]), at<float>(v[1]), at<double>(v[2]), at<double>(v[3]),
                    at<float>(v[4]), rowDims(v[8]), at<float>(v[5]), at<float>(v[6]),
                    at<float>(v[7]));
  else
    rowNormBackward(at<double>(v[0]), at<double>(v[1]), at<double>(v[2]), at<double>(v[3]),
                    at<double>(v[4]), rowDims(v[8]), at<double>(v[5]), at<double>(v[6]),
                    at<double>(v[7]));
  return nullptr;
}

// (x, weight, bias, out, mean, variance, [batch, channels, spatial, eps, training])
napi_value ChannelNormForward(napi_env env, napi_callback_info info) {
  View v[7];
  if (!readViews(env, info, v, 7, "normalisation")) return nullptr;
  if (v[0].type == napi_float32_array)
    channelNormForward(at<float>(v[0]), at<float>(v[1]), at<float>(v[2]), channelDims(v[6]),
                       at<float>(v[3]), at<double>(v[4]), at<double>(v[5]));
  else
    channelNormForward(at<double>(v[0]), at<double>(v[1]), at<double>(v[2]), channelDims(v[6]),
                       at<double>(v[3]), at<double>(v[4]), at<double>(v[5]));
  return nullptr;
}

// (g, x, mean, rstd, weight, dx, dWeight, dBias, [batch, channels, spatial, eps, training])
napi_value ChannelNormBackward(napi_env env, napi_callback_info info) {
  View v[9];
  if (!readViews(env, info, v, 9, "normalisation")) return nullptr;
  if (v[0].type == napi_float32_array)
    channelNormBackward(at<float>(v[0]), at<float>(v[1]), at<double>(v[2]), at<double>(v[3]),
                        at<float>(v[4]), channelDims(v[8]), at<float>(v[5]), at<float>(v[6]),
                        at<float>(v[7]));
  else
    channelNormBackward(at<double>(v[0]), at<double>(v[1]), at<double>(v[2]), at<double>(v[3]),
                        at<double>(v[4]), channelDims(v[8]), at<double>(v[5]), at<double>(v[6]),
                        at<double>(v[7]));
  return nullptr;
}

}  // namespace

void registerNormalization(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"rowNormForward", nullptr, RowNormForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"rowNormBackward", nullptr, RowNormBackward, nullptr, nullptr, nullptr, napi_default,
       nullptr},
      {"channelNormForward", nullptr, ChannelNormForward, nullptr, nullptr, nullptr, napi_default,
       nullptr},
      {"channelNormBackward", nullptr, ChannelNormBackward, nullptr, nullptr, nullptr,
       napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
}

}  // namespace gradus
