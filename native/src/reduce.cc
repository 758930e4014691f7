// Reductions of contiguous [outer, size, inner] data over the middle axis (sum, max, min, prod);
// float32 sums and products accumulate in double like the js reference, NaN propagates in max/min.
#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels.h"
#include "thread-pool.h"

namespace gradus {
namespace {

constexpr long kParallelSize = 1 << 16;
// A long line is summed in chunks of this fixed size, whatever the thread count, so the order of
// additions (and the result's last bits) never depends on setNumThreads.
constexpr long kLineChunk = 1 << 14;

template <typename T>
double reduceLine(int op, const T* x, long n) {
  if (op == 0) {
    double partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    long i = 0;
    for (; i + 8 <= n; i += 8)
      for (int l = 0; l < 8; ++l) partial[l] += x[i + l];
    double total = ((partial[0] + partial[1]) + (partial[2] + partial[3])) +
                   ((partial[4] + partial[5]) + (partial[6] + partial[7]));
    for (; i < n; ++i) total += x[i];
    return total;
  }
  if (op == 3) {
    double product = 1;
    for (long i = 0; i < n; ++i) product *= x[i];
    return product;
  }
  double best = op == 1 ? -HUGE_VAL : HUGE_VAL;
  for (long i = 0; i < n; ++i) {
    const double v = x[i];
    if (v != v) return v;
    if (op == 1 ? v > best : v < best) best = v;
  }
  return best;
}

/** acc[i] op= x[i] for one row of the middle axis. */
template <typename T>
void combineRow(int op, const T* x, double* acc, long n) {
  switch (op) {
    case 0: for (long i = 0; i < n; ++i) acc[i] += x[i]; break;
    case 3: for (long i = 0; i < n; ++i) acc[i] *= x[i]; break;
    case 1:
      for (long i = 0; i < n; ++i) {
        const double v = x[i];
        acc[i] = v > acc[i] || v != v ? v : acc[i];
      }
      break;
    default:
      for (long i = 0; i < n; ++i) {
        const double v = x[i];
        acc[i] = v < acc[i] || v != v ? v : acc[i];
      }
  }
}

double initial(int op) { return op == 0 ? 0.0 : op == 3 ? 1.0 : op == 1 ? -HUGE_VAL : HUGE_VAL; }

double combine(int op, double a, double b) {
  if (op == 0) return a + b;
  if (op == 3) return a * b;
  if (a != a || b != b) return a != a ? a : b;
  return op == 1 ? std::max(a, b) : std::min(a, b);
}

}  // namespace

// NOTE: codes 0–3 above are these names' positions; the backend maps the TypeScript names to them.
std::vector<const char*> reduceKernelNames() { return {"sum", "max", "min", "prod"}; }

template <typename T>
void reduceMiddle(int op, const T* x, T* out, long outer, long size, long inner) {
  const bool parallel = outer * size * inner >= kParallelSize;
  if (inner == 1 && outer == 1 && parallel) {
    // One long line: partial results of fixed-size chunks, combined in order.
    const long parts = (size + kLineChunk - 1) / kLineChunk;
    std::vector<double> partial(parts, initial(op));
    parallelFor(parts, [&](long p) {
      const long start = p * kLineChunk;
      partial[p] = reduceLine(op, x + start, std::min(size, start + kLineChunk) - start);
    });
    double total = initial(op);
    for (double v : partial) total = combine(op, total, v);
    out[0] = static_cast<T>(total);
    return;
  }
  if (inner == 1) {
    auto line = [&](long o) { out[o] = static_cast<T>(reduceLine(op, x + o * size, size)); };
    if (parallel && outer > 1) parallelFor(outer, line);
    else for (long o = 0; o < outer; ++o) line(o);
    return;
  }
  constexpr long kColumns = 1024;
  const long blocks = (inner + kColumns - 1) / kColumns;
  auto block = [&](long index) {
    const long o = index / blocks;
    const long start = (index % blocks) * kColumns;
    const long n = std::min(inner, start + kColumns) - start;
    double acc[kColumns];
    std::fill(acc, acc + n, initial(op));
    for (long j = 0; j < size; ++j) combineRow(op, x + (o * size + j) * inner + start, acc, n);
    for (long i = 0; i < n; ++i) out[o * inner + start + i] = static_cast<T>(acc[i]);
  };
  if (parallel && outer * blocks > 1) parallelFor(outer * blocks, block);
  else for (long i = 0; i < outer * blocks; ++i) block(i);
}

template void reduceMiddle<float>(int, const float*, float*, long, long, long);
template void reduceMiddle<double>(int, const double*, double*, long, long, long);

}  // namespace gradus
