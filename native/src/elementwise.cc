// Strided elementwise maps with fast inner loops for contiguous and stride-0 (scalar) operands,
// split into row chunks over the thread pool when large. Semantics follow the js reference.
#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels.h"
#include "thread-pool.h"

namespace gradus {
namespace {

constexpr long kChunk = 1 << 14;
constexpr long kParallelSize = 1 << 16;

template <typename T, typename F>
inline void unaryRun(F f, long n, const T* x, long sx, T* o) {
  if (sx == 1)
    for (long i = 0; i < n; ++i) o[i] = f(x[i]);
  else
    for (long i = 0; i < n; ++i) o[i] = f(x[i * sx]);
}

template <typename T, typename F>
inline void binaryRun(F f, long n, const T* a, long sa, const T* b, long sb, T* o) {
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

template <typename T>
void unaryInner(int op, long n, const T* x, long sx, T* o) {
  switch (op) {
    case 0: return unaryRun<T>([](T v) { return -v; }, n, x, sx, o);
    case 1: return unaryRun<T>([](T v) { return std::exp(v); }, n, x, sx, o);
    case 2: return unaryRun<T>([](T v) { return std::log(v); }, n, x, sx, o);
    case 3: return unaryRun<T>([](T v) { return std::sqrt(v); }, n, x, sx, o);
    case 4: return unaryRun<T>([](T v) { return std::fabs(v); }, n, x, sx, o);
    case 5: return unaryRun<T>([](T v) { return std::sin(v); }, n, x, sx, o);
    case 6: return unaryRun<T>([](T v) { return std::cos(v); }, n, x, sx, o);
    case 7: return unaryRun<T>([](T v) { return std::tanh(v); }, n, x, sx, o);
    case 8:  // NOTE: split by sign so exp never overflows, as in the reference.
      return unaryRun<T>([](T v) {
        if (v >= 0) return T(1) / (T(1) + std::exp(-v));
        const T e = std::exp(v);
        return e / (T(1) + e);
      }, n, x, sx, o);
    // NOTE: NaN passes through (a NaN input must not come out as 0 and hide where it came from).
    case 9: return unaryRun<T>([](T v) { return v > 0 || v != v ? v : T(0); }, n, x, sx, o);
    case 10: return unaryRun<T>([](T v) { return v > 0 ? T(1) : v < 0 ? T(-1) : v; }, n, x, sx, o);
    case 11: return unaryRun<T>([](T v) { return v > 0 ? T(1) : T(0); }, n, x, sx, o);
    case 12: return unaryRun<T>([](T v) { return v * v; }, n, x, sx, o);
    case 13: return unaryRun<T>([](T v) { return T(1) / v; }, n, x, sx, o);
    case 14: return unaryRun<T>([](T v) { return std::floor(v); }, n, x, sx, o);
    case 15: return unaryRun<T>([](T v) { return v != v ? T(1) : T(0); }, n, x, sx, o);
    default: return unaryRun<T>([](T v) { return v; }, n, x, sx, o);  // 16: strided copy
  }
}

template <typename T>
T jsPow(T a, T b) {
  // Math.pow differs from C pow: a NaN exponent, or |a| = 1 with an infinite exponent, give NaN.
  if (b != b || (std::fabs(a) == T(1) && std::isinf(b))) return std::numeric_limits<T>::quiet_NaN();
  return std::pow(a, b);
}

template <typename T>
void binaryInner(int op, long n, const T* a, long sa, const T* b, long sb, T* o) {
  switch (op) {
    case 0: return binaryRun<T>([](T x, T y) { return x + y; }, n, a, sa, b, sb, o);
    case 1: return binaryRun<T>([](T x, T y) { return x - y; }, n, a, sa, b, sb, o);
    case 2: return binaryRun<T>([](T x, T y) { return x * y; }, n, a, sa, b, sb, o);
    case 3: return binaryRun<T>([](T x, T y) { return x / y; }, n, a, sa, b, sb, o);
    case 4: return binaryRun<T>([](T x, T y) { return jsPow(x, y); }, n, a, sa, b, sb, o);
    case 5: return binaryRun<T>([](T x, T y) { return x >= y || x != x ? x : y; }, n, a, sa, b, sb, o);
    case 6: return binaryRun<T>([](T x, T y) { return x <= y || x != x ? x : y; }, n, a, sa, b, sb, o);
    case 7: return binaryRun<T>([](T x, T y) { return T(x == y); }, n, a, sa, b, sb, o);
    case 8: return binaryRun<T>([](T x, T y) { return T(x != y); }, n, a, sa, b, sb, o);
    case 9: return binaryRun<T>([](T x, T y) { return T(x < y); }, n, a, sa, b, sb, o);
    case 10: return binaryRun<T>([](T x, T y) { return T(x <= y); }, n, a, sa, b, sb, o);
    case 11: return binaryRun<T>([](T x, T y) { return T(x > y); }, n, a, sa, b, sb, o);
    default: return binaryRun<T>([](T x, T y) { return T(x >= y); }, n, a, sa, b, sb, o);
  }
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

template <typename T>
void unaryStrided(int op, const T* x, T* out, int rank, const long* shape, const long* strides) {
  const long sx = rank == 0 ? 1 : strides[rank - 1];
  const long* all[1] = {strides};
  forEachChunk(rank, shape, all, 1, [&](long at, long n, const long* offsets, long start) {
    unaryInner<T>(op, n, x + offsets[0] + start * sx, sx, out + at);
  });
}

template <typename T>
void binaryStrided(int op, const T* a, const T* b, T* out, int rank, const long* shape,
                   const long* stridesA, const long* stridesB) {
  const long sa = rank == 0 ? 1 : stridesA[rank - 1];
  const long sb = rank == 0 ? 1 : stridesB[rank - 1];
  const long* all[2] = {stridesA, stridesB};
  forEachChunk(rank, shape, all, 2, [&](long at, long n, const long* offsets, long start) {
    binaryInner<T>(op, n, a + offsets[0] + start * sa, sa, b + offsets[1] + start * sb, sb,
                   out + at);
  });
}

template void unaryStrided<float>(int, const float*, float*, int, const long*, const long*);
template void unaryStrided<double>(int, const double*, double*, int, const long*, const long*);
template void binaryStrided<float>(int, const float*, const float*, float*, int, const long*,
                                   const long*, const long*);
template void binaryStrided<double>(int, const double*, const double*, double*, int, const long*,
                                    const long*, const long*);

}  // namespace gradus
