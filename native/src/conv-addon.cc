// N-API bindings of the convolution and pooling kernels. Each call carries its geometry in its own
// Float64Array (the field order of ConvGeometry / PoolGeometry), so they need no shared parameters.
#include <node_api.h>

#include "napi-views.h"

#include "conv.h"

namespace gradus {
namespace {

template <typename Geometry>
Geometry geometryOf(const View& view) {
  Geometry g;
  long* fields = reinterpret_cast<long*>(&g);
  const double* values = static_cast<const double*>(view.data);
  for (size_t i = 0; i < sizeof(Geometry) / sizeof(long); ++i) fields[i] = static_cast<long>(values[i]);
  return g;
}

template <typename T>
T* as(const View& view) { return static_cast<T*>(view.data); }

// (x, weight, bias (empty: none), geometry, out)
napi_value Conv2d(napi_env env, napi_callback_info info) {
  View v[5];
  if (!readViews(env, info, v, 5)) return nullptr;
  const ConvGeometry g = geometryOf<ConvGeometry>(v[3]);
  if (v[0].type == napi_float32_array)
    convForward(as<float>(v[0]), as<float>(v[1]), v[2].length ? as<float>(v[2]) : nullptr, g, as<float>(v[4]));
  else
    convForward(as<double>(v[0]), as<double>(v[1]), v[2].length ? as<double>(v[2]) : nullptr, g,
                as<double>(v[4]));
  return nullptr;
}

// (y, weight, geometry, out)
napi_value Conv2dTranspose(napi_env env, napi_callback_info info) {
  View v[4];
  if (!readViews(env, info, v, 4)) return nullptr;
  const ConvGeometry g = geometryOf<ConvGeometry>(v[2]);
  if (v[0].type == napi_float32_array)
    convInputGrad(as<float>(v[0]), as<float>(v[1]), g, as<float>(v[3]));
  else
    convInputGrad(as<double>(v[0]), as<double>(v[1]), g, as<double>(v[3]));
  return nullptr;
}

// (x, y, geometry, out)
napi_value Conv2dWeight(napi_env env, napi_callback_info info) {
  View v[4];
  if (!readViews(env, info, v, 4)) return nullptr;
  const ConvGeometry g = geometryOf<ConvGeometry>(v[2]);
  if (v[0].type == napi_float32_array)
    convWeightGrad(as<float>(v[0]), as<float>(v[1]), g, as<float>(v[3]));
  else
    convWeightGrad(as<double>(v[0]), as<double>(v[1]), g, as<double>(v[3]));
  return nullptr;
}

// (x, geometry, out, indices)
napi_value MaxPool2d(napi_env env, napi_callback_info info) {
  View v[4];
  if (!readViews(env, info, v, 4)) return nullptr;
  const PoolGeometry g = geometryOf<PoolGeometry>(v[1]);
  if (v[0].type == napi_float32_array)
    maxPool2d(as<float>(v[0]), g, as<float>(v[2]), as<int>(v[3]));
  else
    maxPool2d(as<double>(v[0]), g, as<double>(v[2]), as<int>(v[3]));
  return nullptr;
}

// (y, indices, geometry, out)
napi_value MaxUnpool2d(napi_env env, napi_callback_info info) {
  View v[4];
  if (!readViews(env, info, v, 4)) return nullptr;
  const PoolGeometry g = geometryOf<PoolGeometry>(v[2]);
  if (v[0].type == napi_float32_array)
    maxUnpool2d(as<float>(v[0]), as<int>(v[1]), g, as<float>(v[3]));
  else
    maxUnpool2d(as<double>(v[0]), as<int>(v[1]), g, as<double>(v[3]));
  return nullptr;
}

// (x or y, geometry with countIncludePad appended, out); `transpose` picks avgPool2dTranspose.
template <bool transpose>
napi_value AvgPool2d(napi_env env, napi_callback_info info) {
  View v[3];
  if (!readViews(env, info, v, 3)) return nullptr;
  const PoolGeometry g = geometryOf<PoolGeometry>(v[1]);
  const bool countIncludePad = static_cast<const double*>(v[1].data)[sizeof(PoolGeometry) / sizeof(long)] != 0;
  if (v[0].type == napi_float32_array)
    (transpose ? avgPool2dTranspose<float> : avgPool2d<float>)(as<float>(v[0]), g, countIncludePad,
                                                               as<float>(v[2]));
  else
    (transpose ? avgPool2dTranspose<double> : avgPool2d<double>)(as<double>(v[0]), g,
                                                                 countIncludePad, as<double>(v[2]));
  return nullptr;
}

}  // namespace

void registerConvKernels(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"conv2d", nullptr, Conv2d, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"conv2dTranspose", nullptr, Conv2dTranspose, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"conv2dWeight", nullptr, Conv2dWeight, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"maxPool2d", nullptr, MaxPool2d, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"maxUnpool2d", nullptr, MaxUnpool2d, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"avgPool2d", nullptr, AvgPool2d<false>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"avgPool2dTranspose", nullptr, AvgPool2d<true>, nullptr, nullptr, nullptr, napi_default,
       nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
}

}  // namespace gradus
