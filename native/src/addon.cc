// N-API bindings: kernels read their numbers from one shared Float64Array of parameters (set once by
// init) and their operands zero-copy from the tensors' typed arrays.
#include <node_api.h>

#include <vector>

#include "attention.h"
#include "gemm.h"
#include "kernels.h"
#include "napi-views.h"
#include "normalization.h"
#include "optimizer.h"
#include "thread-pool.h"

namespace gradus {

// conv-addon.cc: the convolution and pooling kernels.
void registerConvKernels(napi_env env, napi_value exports);
/** The recurrent step kernels' bindings (recurrent-binding.cc). */
void registerRecurrent(napi_env env, napi_value exports);
/** The row-softmax kernels (softmax.cc). */
void registerSoftmax(napi_env env, napi_value exports);

namespace {

const double* params = nullptr;
napi_ref paramsRef = nullptr;

long at(int i) { return static_cast<long>(params[i]); }

template <typename T>
T* base(const View& array, long offset) { return static_cast<T*>(array.data) + offset; }

// (a, b, out[, bias]): sizes, offsets and strides in params[0..11]; params[12] = 1 with a bias
// (its offset in params[13]); params[14] = 1 for relu after it.
napi_value Matmul(napi_env env, napi_callback_info info) {
  View v[4];
  const bool hasBias = at(12) != 0;
  if (!readViews(env, info, v, hasBias ? 4 : 3)) return nullptr;
  const long stridesA[3] = {at(5), at(6), at(7)};
  const long stridesB[3] = {at(9), at(10), at(11)};
  if (v[0].type == napi_float32_array)
    gemmBatched(base<float>(v[0], at(4)), stridesA, base<float>(v[1], at(8)), stridesB,
                base<float>(v[2], 0), at(0), at(1), at(2), at(3),
                hasBias ? base<float>(v[3], at(13)) : nullptr, at(14) != 0);
  else
    gemmBatched(base<double>(v[0], at(4)), stridesA, base<double>(v[1], at(8)), stridesB,
                base<double>(v[2], 0), at(0), at(1), at(2), at(3),
                hasBias ? base<double>(v[3], at(13)) : nullptr, at(14) != 0);
  return nullptr;
}

// Layout: [op, rank, offset, alpha, shape…, strides…]
napi_value Unary(napi_env env, napi_callback_info info) {
  View v[2];
  if (!readViews(env, info, v, 2)) return nullptr;
  const int rank = static_cast<int>(at(1));
  long shape[16], strides[16];
  for (int d = 0; d < rank; ++d) shape[d] = at(4 + d), strides[d] = at(4 + rank + d);
  if (v[0].type == napi_float32_array)
    unaryStrided(static_cast<int>(at(0)), base<float>(v[0], at(2)), base<float>(v[1], 0), rank,
                 shape, strides, params[3]);
  else
    unaryStrided(static_cast<int>(at(0)), base<double>(v[0], at(2)), base<double>(v[1], 0), rank,
                 shape, strides, params[3]);
  return nullptr;
}

// Layout: [op, rank, offsetA, offsetB, shape…, stridesA…, stridesB…]
napi_value Binary(napi_env env, napi_callback_info info) {
  View v[3];
  if (!readViews(env, info, v, 3)) return nullptr;
  const int rank = static_cast<int>(at(1));
  long shape[16], stridesA[16], stridesB[16];
  for (int d = 0; d < rank; ++d)
    shape[d] = at(4 + d), stridesA[d] = at(4 + rank + d), stridesB[d] = at(4 + 2 * rank + d);
  const int op = static_cast<int>(at(0));
  if (v[0].type == napi_float32_array)
    binaryStrided(op, base<float>(v[0], at(2)), base<float>(v[1], at(3)), base<float>(v[2], 0),
                  rank, shape, stridesA, stridesB);
  else
    binaryStrided(op, base<double>(v[0], at(2)), base<double>(v[1], at(3)), base<double>(v[2], 0),
                  rank, shape, stridesA, stridesB);
  return nullptr;
}

// Layout: [op, offset, outer, size, inner]
napi_value Reduce(napi_env env, napi_callback_info info) {
  View v[2];
  if (!readViews(env, info, v, 2)) return nullptr;
  const int op = static_cast<int>(at(0));
  if (v[0].type == napi_float32_array)
    reduceMiddle(op, base<float>(v[0], at(1)), base<float>(v[1], 0), at(2), at(3), at(4));
  else
    reduceMiddle(op, base<double>(v[0], at(1)), base<double>(v[1], 0), at(2), at(3), at(4));
  return nullptr;
}

// Layout: [outer, axisSize, inner]; arguments (x or src, index, out).
napi_value Take(napi_env env, napi_callback_info info) {
  View v[3];
  if (!readViews(env, info, v, 3)) return nullptr;
  const long bytes = v[0].type == napi_float64_array ? 8 : 4;
  takeRows(static_cast<const char*>(v[0].data), static_cast<const int*>(v[1].data),
           static_cast<long>(v[1].length), at(0), at(1), at(2), bytes, static_cast<char*>(v[2].data));
  return nullptr;
}

napi_value TakeAdd(napi_env env, napi_callback_info info) {
  View v[3];
  if (!readViews(env, info, v, 3)) return nullptr;
  const long count = static_cast<long>(v[1].length);
  const int* index = static_cast<const int*>(v[1].data);
  if (v[0].type == napi_float32_array)
    takeAddRows(base<float>(v[0], 0), index, count, at(0), at(1), at(2), base<float>(v[2], 0));
  else if (v[0].type == napi_float64_array)
    takeAddRows(base<double>(v[0], 0), index, count, at(0), at(1), at(2), base<double>(v[2], 0));
  else
    takeAddRows(base<int>(v[0], 0), index, count, at(0), at(1), at(2), base<int>(v[2], 0));
  return nullptr;
}

// Arguments (z, y, losses, sigma); an empty sigma means σ is not wanted.
napi_value SigmoidCrossEntropy(napi_env env, napi_callback_info info) {
  View v[4];
  if (!readViews(env, info, v, 4)) return nullptr;
  const long n = static_cast<long>(v[0].length);
  double* sigma = v[3].length == 0 ? nullptr : base<double>(v[3], 0);
  if (v[0].type == napi_float32_array)
    sigmoidCrossEntropy(base<float>(v[0], 0), base<float>(v[1], 0), n, base<double>(v[2], 0), sigma);
  else
    sigmoidCrossEntropy(base<double>(v[0], 0), base<double>(v[1], 0), n, base<double>(v[2], 0),
                        sigma);
  return nullptr;
}

// Layout: [batch, L, S, E, Ev, (row, col) of q, k, v, mask, out, outputGrad, dq, dk, dv, maskKind,
// causal, scale, dropoutP, seed0, seed1]; arrays (q, k, v, mask, offsets, …), an empty mask for none.
template <typename T>
Attention<T> attentionOf(const View* v) {
  Attention<T> problem{at(0), at(1), at(2), at(3), at(4), base<T>(v[0], 0), base<T>(v[1], 0),
                       base<T>(v[2], 0)};
  for (int o = 0; o < kOperands; ++o) problem.layout[o] = Layout{at(5 + 2 * o), at(6 + 2 * o)};
  problem.maskKind = static_cast<int>(at(23));
  problem.mask = v[3].data;
  problem.offsets = base<double>(v[4], 0);
  problem.causal = at(24) != 0;
  problem.scale = params[25];
  problem.dropoutP = params[26];
  problem.seed0 = static_cast<uint32_t>(params[27]);
  problem.seed1 = static_cast<uint32_t>(params[28]);
  return problem;
}

// Arguments (q, k, v, mask, offsets, out, lse).
napi_value AttentionForward(napi_env env, napi_callback_info info) {
  View v[7];
  if (!readViews(env, info, v, 7)) return nullptr;
  if (v[0].type == napi_float32_array)
    attentionForward(attentionOf<float>(v), base<float>(v[5], 0), base<double>(v[6], 0));
  else
    attentionForward(attentionOf<double>(v), base<double>(v[5], 0), base<double>(v[6], 0));
  return nullptr;
}

// Arguments (q, k, v, mask, offsets, out, lse, outputGrad, dq, dk, dv, dmask); an empty dmask: none.
template <typename T>
void attentionBackwardOf(const View* v) {
  T* maskGrad = v[11].length == 0 ? nullptr : base<T>(v[11], 0);
  attentionBackward(attentionOf<T>(v), base<T>(v[5], 0), base<double>(v[6], 0), base<T>(v[7], 0),
                    base<T>(v[8], 0), base<T>(v[9], 0), base<T>(v[10], 0), maskGrad);
}

napi_value AttentionBackward(napi_env env, napi_callback_info info) {
  View v[12];
  if (!readViews(env, info, v, 12)) return nullptr;
  if (v[0].type == napi_float32_array)
    attentionBackwardOf<float>(v);
  else
    attentionBackwardOf<double>(v);
  return nullptr;
}

napi_value AdviseHugePages(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  void* data = nullptr;
  size_t bytes = 0;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 1 || napi_get_arraybuffer_info(env, argv[0], &data, &bytes) != napi_ok) {
    napi_throw_type_error(env, nullptr, "gradus native: adviseHugePages expects an ArrayBuffer");
    return nullptr;
  }
  napi_value result;
  napi_get_boolean(env, adviseHugePages(data, bytes), &result);
  return result;
}

napi_value Init(napi_env env, napi_callback_info info) {
  View v[1];
  if (!readViews(env, info, v, 1)) return nullptr;
  if (paramsRef != nullptr) napi_delete_reference(env, paramsRef);
  napi_value argv[1];
  size_t argc = 1;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  napi_create_reference(env, argv[0], 1, &paramsRef);
  params = static_cast<const double*>(v[0].data);
  napi_value isa;
  napi_create_string_utf8(env, gemmIsa(), NAPI_AUTO_LENGTH, &isa);
  return isa;
}

napi_value NameList(napi_env env, const std::vector<const char*>& names) {
  napi_value list;
  napi_create_array_with_length(env, names.size(), &list);
  for (size_t i = 0; i < names.size(); ++i) {
    napi_value name;
    napi_create_string_utf8(env, names[i], NAPI_AUTO_LENGTH, &name);
    napi_set_element(env, list, static_cast<uint32_t>(i), name);
  }
  return list;
}

// { unary, binary, reduce }: each family's kernel names in code order (the backend maps by name).
napi_value KernelNames(napi_env env, napi_callback_info) {
  napi_value result;
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "unary", NameList(env, unaryKernelNames()));
  napi_set_named_property(env, result, "binary", NameList(env, binaryKernelNames()));
  napi_set_named_property(env, result, "reduce", NameList(env, reduceKernelNames()));
  return result;
}

napi_value SetNumThreads(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  int32_t count = 1;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 1 || napi_get_value_int32(env, argv[0], &count) != napi_ok) {
    napi_throw_type_error(env, nullptr, "gradus native: setNumThreads expects a number");
    return nullptr;
  }
  setNumThreads(count);
  return nullptr;
}

napi_value NumThreads(napi_env env, napi_callback_info) {
  napi_value result;
  napi_create_int32(env, numThreads(), &result);
  return result;
}

napi_value Register(napi_env env, napi_value exports) {
  keepFreedMemoryWarm();
  registerConvKernels(env, exports);
  const napi_property_descriptor methods[] = {
      {"init", nullptr, Init, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"kernelNames", nullptr, KernelNames, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"matmul", nullptr, Matmul, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"unary", nullptr, Unary, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"binary", nullptr, Binary, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"reduce", nullptr, Reduce, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"take", nullptr, Take, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"takeAdd", nullptr, TakeAdd, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sigmoidCrossEntropy", nullptr, SigmoidCrossEntropy, nullptr, nullptr, nullptr, napi_default,
       nullptr},
      {"attentionForward", nullptr, AttentionForward, nullptr, nullptr, nullptr, napi_default,
       nullptr},
      {"attentionBackward", nullptr, AttentionBackward, nullptr, nullptr, nullptr, napi_default,
       nullptr},
      {"adviseHugePages", nullptr, AdviseHugePages, nullptr, nullptr, nullptr, napi_default,
       nullptr},
      {"setNumThreads", nullptr, SetNumThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"numThreads", nullptr, NumThreads, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
  registerNormalization(env, exports);
  registerRecurrent(env, exports);
  registerSoftmax(env, exports);
  registerOptimizer(env, exports);
  return exports;
}

}  // namespace
}  // namespace gradus

NAPI_MODULE(NODE_GYP_MODULE_NAME, gradus::Register)
