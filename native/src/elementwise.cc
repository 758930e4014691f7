// Strided elementwise maps with fast inner loops for contiguous and stride-0 (scalar) operands,
// split into row chunks over the thread pool when large. Semantics follow the js reference.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "kernels.h"
#include "thread-pool.h"

namespace gradus {
namespace {

constexpr long kChunk = 1 << 14;
constexpr long kParallelSize = 1 << 16;

// NOTE: the kernels are matched to the TypeScript list (src/backend/elementwise-kernels.ts) by NAME:
// the addon reports these names at load and the backend refuses to load on any difference, so a
// kernel missing here, or in a different order, can never run as another one.

/** A kernel's inner loop for one dtype: n elements at stride sx into contiguous o. */
template <typename T>
using UnaryLoop = void (*)(long n, const T* x, long sx, T* o, T alpha);
template <typename T>
using BinaryLoop = void (*)(long n, const T* a, long sa, const T* b, long sb, T* o);

template <typename T, typename F>
void unaryLoop(long n, const T* x, long sx, T* o, T alpha) {
  const F f{};
  if (sx == 1)
    for (long i = 0; i < n; ++i) o[i] = f(x[i], alpha);
  else
    for (long i = 0; i < n; ++i) o[i] = f(x[i * sx], alpha);
}

template <typename T, typename F>
void binaryLoop(long n, const T* a, long sa, const T* b, long sb, T* o) {
  const F f{};
  if (sa == 1 && sb == 1) {
    for (long i = 0; i < n; ++i) o[i] = f(a[i], b[i]);
  } else if (sa == 1 && sb == 0) {
    const T y = *b;
    for (long i = 0; i < n; ++i) o[i] = f(a[i], y);
  } else if (sa == 0 && sb == 1) {
    const T x = *a;
    for (long i = 0; i < n; ++i) o[i] = f(x, b[i]);
  } else {
    for (long i = 0; i < n; ++i) o[i] = f(a[i * sa], b[i * sb]);
  }
}

struct UnaryEntry {
  const char* name;
  UnaryLoop<float> f32;
  UnaryLoop<double> f64;
};

struct BinaryEntry {
  const char* name;
  BinaryLoop<float> f32;
  BinaryLoop<double> f64;
};

template <typename F>
constexpr UnaryEntry unary(const char* name, F) {
  return {name, &unaryLoop<float, F>, &unaryLoop<double, F>};
}

template <typename F>
constexpr BinaryEntry binary(const char* name, F) {
  return {name, &binaryLoop<float, F>, &binaryLoop<double, F>};
}

template <typename T>
T sigmoidOf(T v) {
  // NOTE: split by sign so exp never overflows, as in the reference.
  if (v >= 0) return T(1) / (T(1) + std::exp(-v));
  const T e = std::exp(v);
  return e / (T(1) + e);
}

template <typename T>
T softplusOf(T v) { return std::max(v, T(0)) + std::log1p(std::exp(-std::fabs(v))); }

constexpr double kSqrtHalf = 0.70710678118654752440;
constexpr double kSqrtTwoOverPi = 0.79788456080286535588;

// One row per kernel, each the reference's definition on one number (see elementwise-kernels.ts).
const UnaryEntry kUnary[] = {
    unary("neg", [](auto v, auto) { return -v; }),
    unary("exp", [](auto v, auto) { return std::exp(v); }),
    unary("log", [](auto v, auto) { return std::log(v); }),
    unary("sqrt", [](auto v, auto) { return std::sqrt(v); }),
    unary("abs", [](auto v, auto) { return std::fabs(v); }),
    unary("sin", [](auto v, auto) { return std::sin(v); }),
    unary("cos", [](auto v, auto) { return std::cos(v); }),
    unary("tanh", [](auto v, auto) { return std::tanh(v); }),
    unary("sigmoid", [](auto v, auto) { return sigmoidOf(v); }),
    // NOTE: NaN passes through (a NaN input must not come out as 0 and hide where it came from).
    unary("relu", [](auto v, auto) { return v > 0 || v != v ? v : decltype(v)(0); }),
    unary("sign", [](auto v, auto) { using T = decltype(v); return v > 0 ? T(1) : v < 0 ? T(-1) : T(0); }),
    unary("reluMask", [](auto v, auto) { using T = decltype(v); return v > 0 || v != v ? T(1) : T(0); }),
    unary("square", [](auto v, auto) { return v * v; }),
    unary("reciprocal", [](auto v, auto) { return decltype(v)(1) / v; }),
    unary("floor", [](auto v, auto) { return std::floor(v); }),
    unary("isnan", [](auto v, auto) { using T = decltype(v); return v != v ? T(1) : T(0); }),
    unary("expm1", [](auto v, auto) { return std::expm1(v); }),
    unary("log1p", [](auto v, auto) { return std::log1p(v); }),
    unary("erf", [](auto v, auto) { return std::erf(v); }),
    unary("erfc", [](auto v, auto) { return std::erfc(v); }),
    unary("gelu", [](auto v, auto) {
      using T = decltype(v);
      return T(0.5) * v * std::erfc(-v * T(kSqrtHalf));
    }),
    unary("geluTanh", [](auto v, auto) {
      using T = decltype(v);
      return v * sigmoidOf(T(2 * kSqrtTwoOverPi) * (v + T(0.044715) * v * v * v));
    }),
    unary("silu", [](auto v, auto) { return v * sigmoidOf(v); }),
    unary("softplus", [](auto v, auto) { return softplusOf(v); }),
    unary("logSigmoid", [](auto v, auto) {
      return std::min(v, decltype(v)(0)) - std::log1p(std::exp(-std::fabs(v)));
    }),
    unary("elu", [](auto v, auto alpha) { return v > 0 ? v : alpha * std::expm1(v); }),
    unary("leakyRelu", [](auto v, auto alpha) { return v > 0 ? v : alpha * v; }),
    unary("copy", [](auto v, auto) { return v; }),  // strided copy (not an op: the copy kernel)
};

template <typename T>
T ieeePow(T a, T b) { return std::pow(a, b); }  // C's pow is IEEE 754's: pow(1, NaN) = 1

const BinaryEntry kBinary[] = {
    binary("add", [](auto x, auto y) { return x + y; }),
    binary("sub", [](auto x, auto y) { return x - y; }),
    binary("mul", [](auto x, auto y) { return x * y; }),
    binary("div", [](auto x, auto y) { return x / y; }),
    binary("pow", [](auto x, auto y) { return ieeePow(x, y); }),
    binary("maximum", [](auto x, auto y) { return x >= y || x != x ? x : y; }),
    binary("minimum", [](auto x, auto y) { return x <= y || x != x ? x : y; }),
    binary("eq", [](auto x, auto y) { return decltype(x)(x == y); }),
    binary("ne", [](auto x, auto y) { return decltype(x)(x != y); }),
    binary("lt", [](auto x, auto y) { return decltype(x)(x < y); }),
    binary("le", [](auto x, auto y) { return decltype(x)(x <= y); }),
    binary("gt", [](auto x, auto y) { return decltype(x)(x > y); }),
    binary("ge", [](auto x, auto y) { return decltype(x)(x >= y); }),
    binary("reluBackward", [](auto g, auto x) { return x > 0 || x != x ? g : decltype(g)(0); }),
};

constexpr int kUnaryCount = sizeof(kUnary) / sizeof(kUnary[0]);
constexpr int kBinaryCount = sizeof(kBinary) / sizeof(kBinary[0]);

template <typename T>
UnaryLoop<T> unaryLoopOf(int op) {
  if constexpr (sizeof(T) == 4) return kUnary[op].f32;
  else return kUnary[op].f64;
}

template <typename T>
BinaryLoop<T> binaryLoopOf(int op) {
  if constexpr (sizeof(T) == 4) return kBinary[op].f32;
  else return kBinary[op].f64;
}

/** Runs body(row, start, end, offsets…) over rows of the innermost axis, chunked and threaded. */
template <typename Body>
void forEachChunk(int rank, const long* shape, const long* const* strides, int operands,
                  Body body) {
  long size = 1;
  for (int d = 0; d < rank; ++d) size *= shape[d];
  if (size == 0) return;
  const long inner = rank == 0 ? 1 : shape[rank - 1];
  const long rows = size / inner;
  const long chunksPerRow = (inner + kChunk - 1) / kChunk;
  auto task = [&](long index) {
    const long row = index / chunksPerRow;
    const long start = (index % chunksPerRow) * kChunk;
    const long end = std::min(inner, start + kChunk);
    long offsets[3] = {0, 0, 0};
    long rest = row;
    for (int d = rank - 2; d >= 0; --d) {
      const long i = rest % shape[d];
      rest /= shape[d];
      for (int k = 0; k < operands; ++k) offsets[k] += i * strides[k][d];
    }
    body(row * inner + start, end - start, offsets, start);
  };
  const long tasks = rows * chunksPerRow;
  if (size >= kParallelSize && tasks > 1) {
    // Group tiny rows so that each pool task carries about one chunk of work.
    const long group = std::max(1L, kChunk / inner);
    parallelFor((tasks + group - 1) / group, [&](long g) {
      for (long i = g * group, e = std::min(tasks, (g + 1) * group); i < e; ++i) task(i);
    });
  } else {
    for (long i = 0; i < tasks; ++i) task(i);
  }
}

}  // namespace

std::vector<const char*> unaryKernelNames() {
  std::vector<const char*> names;
  for (const auto& entry : kUnary) names.push_back(entry.name);
  return names;
}

std::vector<const char*> binaryKernelNames() {
  std::vector<const char*> names;
  for (const auto& entry : kBinary) names.push_back(entry.name);
  return names;
}

template <typename T>
void unaryStrided(int op, const T* x, T* out, int rank, const long* shape, const long* strides,
                  double alpha) {
  if (op < 0 || op >= kUnaryCount) return;
  const UnaryLoop<T> loop = unaryLoopOf<T>(op);
  const long sx = rank == 0 ? 1 : strides[rank - 1];
  const long* all[1] = {strides};
  forEachChunk(rank, shape, all, 1, [&](long at, long n, const long* offsets, long start) {
    loop(n, x + offsets[0] + start * sx, sx, out + at, static_cast<T>(alpha));
  });
}

template <typename T>
void binaryStrided(int op, const T* a, const T* b, T* out, int rank, const long* shape,
                   const long* stridesA, const long* stridesB) {
  if (op < 0 || op >= kBinaryCount) return;
  const BinaryLoop<T> loop = binaryLoopOf<T>(op);
  const long sa = rank == 0 ? 1 : stridesA[rank - 1];
  const long sb = rank == 0 ? 1 : stridesB[rank - 1];
  const long* all[2] = {stridesA, stridesB};
  forEachChunk(rank, shape, all, 2, [&](long at, long n, const long* offsets, long start) {
    loop(n, a + offsets[0] + start * sa, sa, b + offsets[1] + start * sb, sb, out + at);
  });
}

template void unaryStrided<float>(int, const float*, float*, int, const long*, const long*, double);
template void unaryStrided<double>(int, const double*, double*, int, const long*, const long*,
                                   double);
template void binaryStrided<float>(int, const float*, const float*, float*, int, const long*,
                                   const long*, const long*);
template void binaryStrided<double>(int, const double*, const double*, double*, int, const long*,
                                    const long*, const long*);

}  // namespace gradus
