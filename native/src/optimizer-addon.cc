// N-API wrappers of the fused optimizer updates: typed arrays of one float type, then the scalars as
// a Float64Array (an empty momentum buffer stands for none).
#include <node_api.h>

#include "napi-views.h"

#include "optimizer.h"

namespace gradus {
namespace {

template <typename T>
T* as(const View& view) { return view.length == 0 ? nullptr : static_cast<T*>(view.data); }

// (param, grad, first, second, [lr, beta1, beta2, eps, weightDecay, decoupled, correction1, correction2])
napi_value AdamUpdate(napi_env env, napi_callback_info info) {
  View v[5];
  if (!readViews(env, info, v, 5, "optimizer")) return nullptr;
  const double* d = as<double>(v[4]);
  const AdamScalars s{d[0], d[1], d[2], d[3], d[4], d[5] != 0, d[6], d[7]};
  const long n = static_cast<long>(v[0].length);
  if (v[0].type == napi_float32_array)
    adamUpdate(as<float>(v[0]), as<float>(v[1]), as<float>(v[2]), as<float>(v[3]), n, s);
  else
    adamUpdate(as<double>(v[0]), as<double>(v[1]), as<double>(v[2]), as<double>(v[3]), n, s);
  return nullptr;
}

// (param, grad, buffer (empty: none), [lr, momentum, nesterov, weightDecay])
napi_value SgdUpdate(napi_env env, napi_callback_info info) {
  View v[4];
  if (!readViews(env, info, v, 4, "optimizer")) return nullptr;
  const double* d = as<double>(v[3]);
  const SgdScalars s{d[0], d[1], d[2] != 0, d[3]};
  const long n = static_cast<long>(v[0].length);
  if (v[0].type == napi_float32_array)
    sgdUpdate(as<float>(v[0]), as<float>(v[1]), as<float>(v[2]), n, s);
  else
    sgdUpdate(as<double>(v[0]), as<double>(v[1]), as<double>(v[2]), n, s);
  return nullptr;
}

// (param, rows, indices, first, second, [stepSize, beta1, beta2, eps, width])
napi_value SparseAdamUpdate(napi_env env, napi_callback_info info) {
  View v[6];
  if (!readViews(env, info, v, 6, "optimizer")) return nullptr;
  const double* d = as<double>(v[5]);
  const SparseAdamScalars s{d[0], d[1], d[2], d[3]};
  const long width = static_cast<long>(d[4]);
  const long count = static_cast<long>(v[2].length);
  const int32_t* indices = as<int32_t>(v[2]);
  if (v[0].type == napi_float32_array)
    sparseAdamUpdate(as<float>(v[0]), as<float>(v[1]), indices, count, width, as<float>(v[3]),
                     as<float>(v[4]), s);
  else
    sparseAdamUpdate(as<double>(v[0]), as<double>(v[1]), indices, count, width, as<double>(v[3]),
                     as<double>(v[4]), s);
  return nullptr;
}

}  // namespace

void registerOptimizer(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"adamUpdate", nullptr, AdamUpdate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sgdUpdate", nullptr, SgdUpdate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sparseAdamUpdate", nullptr, SparseAdamUpdate, nullptr, nullptr, nullptr, napi_default,
       nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
}

}  // namespace gradus
