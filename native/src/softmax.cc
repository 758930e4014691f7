// Row-softmax kernels: each row's log Σ exp (max subtracted, float64 sums) and softmax cross-entropy's
// gradient g·(softmax − one-hot), rows split over the thread pool in fixed blocks (same bits for any
// thread count: every row is computed by one thread, in one order).
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <limits>

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

template <typename T>
void logSumExpRows(const T* x, long rows, long cols, double* lse) {
  forRows(rows, cols, [&](long r) {
    const T* row = x + r * cols;
    T peak = -std::numeric_limits<T>::infinity();
    for (long c = 0; c < cols; ++c) peak = row[c] > peak ? row[c] : peak;
    // NOTE: an infinite peak is not subtracted (inf − inf would turn the row into NaN)
    const T shift = std::isinf(peak) ? T(0) : peak;
    double total = 0;
    for (long c = 0; c < cols; ++c) total += std::exp(static_cast<double>(row[c] - shift));
    lse[r] = static_cast<double>(shift) + std::log(total);
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
    for (long c = 0; c < cols; ++c)
      target[c] = static_cast<T>(scale * std::exp(static_cast<double>(row[c]) - shift));
    const long label = labels[r];
    target[label] = static_cast<T>(scale * (std::exp(static_cast<double>(row[label]) - shift) - 1));
  });
}

struct Array {
  napi_typedarray_type type;
  void* data;
  size_t length;
};

bool readArrays(napi_env env, napi_callback_info info, Array* arrays, size_t count) {
  napi_value argv[6];
  size_t argc = 6;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < count) {
    napi_throw_type_error(env, nullptr, "gradus native: missing softmax arguments");
    return false;
  }
  for (size_t i = 0; i < count; ++i) {
    if (napi_get_typedarray_info(env, argv[i], &arrays[i].type, &arrays[i].length,
                                 &arrays[i].data, nullptr, nullptr) != napi_ok) {
      napi_throw_type_error(env, nullptr, "gradus native: expected a typed array");
      return false;
    }
  }
  return true;
}

// (x, lse): rows = lse.length, cols = x.length / rows
napi_value LogSumExpRows(napi_env env, napi_callback_info info) {
  Array v[2];
  if (!readArrays(env, info, v, 2)) return nullptr;
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
  Array v[5];
  if (!readArrays(env, info, v, 5)) return nullptr;
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
