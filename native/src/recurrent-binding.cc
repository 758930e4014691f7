// N-API bindings of the recurrent step kernels and of the packed-right-operand products: each call
// takes a Float64Array of numbers (for a step kernel: rows, hidden, step, then one offset per array)
// and the typed arrays zero-copy; an empty array stands for null (no lengths, no saved gates, …).
#include <node_api.h>

#include <cstdint>

#include "gemm.h"
#include "recurrent.h"

namespace gradus {
namespace {

constexpr size_t kMaxArguments = 8;

struct Arguments {
  const double* numbers;
  void* data[kMaxArguments];
  size_t length[kMaxArguments];
  bool isFloat64;
};

/** Reads `count` typed arrays after the numbers; false (with a JS TypeError) when something is off. */
bool read(napi_env env, napi_callback_info info, size_t count, Arguments& out) {
  napi_value argv[kMaxArguments + 1];
  size_t argc = kMaxArguments + 1;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < count + 1) {
    napi_throw_type_error(env, nullptr, "gradus native: a recurrent kernel got too few arguments");
    return false;
  }
  napi_typedarray_type type;
  size_t length;
  void* data;
  if (napi_get_typedarray_info(env, argv[0], &type, &length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_float64_array) {
    napi_throw_type_error(env, nullptr, "gradus native: a recurrent kernel expects its numbers first");
    return false;
  }
  out.numbers = static_cast<const double*>(data);
  for (size_t i = 0; i < count; ++i) {
    if (napi_get_typedarray_info(env, argv[i + 1], &type, &out.length[i], &out.data[i], nullptr,
                                 nullptr) != napi_ok) {
      napi_throw_type_error(env, nullptr, "gradus native: a recurrent kernel expects typed arrays");
      return false;
    }
    if (i == 0) out.isFloat64 = type == napi_float64_array;
  }
  return true;
}

/** Array i offset by numbers[3 + i], or null when empty. */
template <typename T>
T* at(const Arguments& a, int i) {
  if (a.length[i] == 0) return nullptr;
  return static_cast<T*>(a.data[i]) + static_cast<long>(a.numbers[3 + i]);
}

/** rows, hidden, step and the lengths (the last array). */
StepRows rowsOf(const Arguments& a, int lengthsIndex) {
  const long rows = static_cast<long>(a.numbers[0]), hidden = static_cast<long>(a.numbers[1]);
  const long step = static_cast<long>(a.numbers[2]);
  const int* lengths = a.length[lengthsIndex] == 0 ? nullptr : static_cast<const int*>(a.data[lengthsIndex]);
  return {rows, hidden, step, lengths};
}

// Arrays: x, product, h, c, saved, lengths.
template <typename T>
void lstm(const Arguments& a) {
  recurrentKernels(T{}).lstm({rowsOf(a, 5), at<T>(a, 0), at<T>(a, 1), at<T>(a, 2), at<T>(a, 3), at<T>(a, 4)});
}

// Arrays: saved, c, dh, recurrent, dc, dGates, lengths.
template <typename T>
void lstmBackward(const Arguments& a) {
  recurrentKernels(T{}).lstmBackward(
      {rowsOf(a, 6), at<T>(a, 0), at<T>(a, 1), at<T>(a, 2), at<T>(a, 3), at<T>(a, 4), at<T>(a, 5)});
}

// Arrays: x, product, bias, h, saved, lengths.
template <typename T>
void gru(const Arguments& a) {
  recurrentKernels(T{}).gru({rowsOf(a, 5), at<T>(a, 0), at<T>(a, 1), at<T>(a, 2), at<T>(a, 3), at<T>(a, 4)});
}

// Arrays: saved, h, dh, recurrent, dx, dProduct, lengths.
template <typename T>
void gruBackward(const Arguments& a) {
  recurrentKernels(T{}).gruBackward(
      {rowsOf(a, 6), at<T>(a, 0), at<T>(a, 1), at<T>(a, 2), at<T>(a, 3), at<T>(a, 4), at<T>(a, 5)});
}

// Arrays: x, product, h, lengths; numbers[7] is 1 for relu.
template <typename T>
void rnn(const Arguments& a) {
  recurrentKernels(T{}).rnn({rowsOf(a, 3), a.numbers[7] != 0, at<T>(a, 0), at<T>(a, 1), at<T>(a, 2)});
}

// Arrays: h, dh, recurrent, dPre, lengths; numbers[8] is 1 for relu.
template <typename T>
void rnnBackward(const Arguments& a) {
  recurrentKernels(T{}).rnnBackward(
      {rowsOf(a, 4), a.numbers[8] != 0, at<T>(a, 0), at<T>(a, 1), at<T>(a, 2), at<T>(a, 3)});
}

/** The first 64-byte boundary in a packed operand's array (the JS side allocates 64 bytes spare). */
template <typename T>
T* aligned(void* data) {
  const auto address = reinterpret_cast<std::uintptr_t>(data);
  return reinterpret_cast<T*>((address + 63) & ~static_cast<std::uintptr_t>(63));
}

// Numbers: k, n, row stride, column stride, offset; arrays: b, out.
template <typename T>
void packRight(const Arguments& a) {
  const long k = static_cast<long>(a.numbers[0]), n = static_cast<long>(a.numbers[1]);
  const T* b = static_cast<const T*>(a.data[0]) + static_cast<long>(a.numbers[4]);
  packedGemm(T{}).pack(b, static_cast<long>(a.numbers[2]), static_cast<long>(a.numbers[3]), k, n,
                       aligned<T>(a.data[1]));
}

// Numbers: m, k, n, row stride, column stride, offset of a; arrays: a, packed, out.
template <typename T>
void matmulPacked(const Arguments& a) {
  const long m = static_cast<long>(a.numbers[0]), k = static_cast<long>(a.numbers[1]);
  const T* left = static_cast<const T*>(a.data[0]) + static_cast<long>(a.numbers[5]);
  packedGemm(T{}).product(left, static_cast<long>(a.numbers[3]), static_cast<long>(a.numbers[4]),
                          aligned<T>(a.data[1]), static_cast<T*>(a.data[2]), m,
                          static_cast<long>(a.numbers[2]), k);
}

napi_value PackedRightSize(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  size_t argc = 3;
  double k = 0, n = 0;
  bool isFloat64 = false;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 3 ||
      napi_get_value_double(env, argv[0], &k) != napi_ok || napi_get_value_double(env, argv[1], &n) != napi_ok ||
      napi_get_value_bool(env, argv[2], &isFloat64) != napi_ok) {
    napi_throw_type_error(env, nullptr, "gradus native: packedRightSize expects (k, n, isFloat64)");
    return nullptr;
  }
  const long size = isFloat64 ? packedGemm(0.0).size(static_cast<long>(k), static_cast<long>(n))
                              : packedGemm(0.0f).size(static_cast<long>(k), static_cast<long>(n));
  napi_value result;
  napi_create_double(env, static_cast<double>(size), &result);
  return result;
}

template <size_t Count, void (*F32)(const Arguments&), void (*F64)(const Arguments&)>
napi_value Kernel(napi_env env, napi_callback_info info) {
  Arguments arguments;
  if (!read(env, info, Count, arguments)) return nullptr;
  (arguments.isFloat64 ? F64 : F32)(arguments);
  return nullptr;
}

}  // namespace

void registerRecurrent(napi_env env, napi_value exports) {
  const napi_property_descriptor methods[] = {
      {"lstmStep", nullptr, Kernel<6, lstm<float>, lstm<double>>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lstmStepBackward", nullptr, Kernel<7, lstmBackward<float>, lstmBackward<double>>, nullptr, nullptr,
       nullptr, napi_default, nullptr},
      {"gruStep", nullptr, Kernel<6, gru<float>, gru<double>>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gruStepBackward", nullptr, Kernel<7, gruBackward<float>, gruBackward<double>>, nullptr, nullptr,
       nullptr, napi_default, nullptr},
      {"rnnStep", nullptr, Kernel<4, rnn<float>, rnn<double>>, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"rnnStepBackward", nullptr, Kernel<5, rnnBackward<float>, rnnBackward<double>>, nullptr, nullptr,
       nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
  const napi_property_descriptor packed[] = {
      {"packedRightSize", nullptr, PackedRightSize, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"packRight", nullptr, Kernel<2, packRight<float>, packRight<double>>, nullptr, nullptr, nullptr,
       napi_default, nullptr},
      {"matmulPacked", nullptr, Kernel<3, matmulPacked<float>, matmulPacked<double>>, nullptr, nullptr,
       nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(packed) / sizeof(packed[0]), packed);
}

}  // namespace gradus
