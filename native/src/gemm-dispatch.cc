// Chooses the GEMM for this CPU once (AVX-512 → AVX2+FMA → portable) and threads batched products.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "gemm.h"
#include "thread-pool.h"

namespace gradus {
namespace {

struct Choice {
  const char* isa;
  SgemmFn sgemm;
  DgemmFn dgemm;
};

// GRADUS_NATIVE_ISA=avx2|generic caps the choice (to test the lower paths on a newer CPU).
Choice choose() {
  __builtin_cpu_init();
  const char* cap = std::getenv("GRADUS_NATIVE_ISA");
  const bool allowAvx512 = cap == nullptr || std::strcmp(cap, "avx512") == 0;
  const bool allowAvx2 = allowAvx512 || std::strcmp(cap, "avx2") == 0;
  if (allowAvx512 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512dq"))
    return {"avx512", sgemmAvx512, dgemmAvx512};
  if (allowAvx2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    return {"avx2", sgemmAvx2, dgemmAvx2};
  return {"generic", sgemmGeneric, dgemmGeneric};
}

const Choice& chosen() {
  static const Choice choice = choose();
  return choice;
}

void run(const GemmTile<float>& t, long j0, long j1) { chosen().sgemm(t, j0, j1); }
void run(const GemmTile<double>& t, long j0, long j1) { chosen().dgemm(t, j0, j1); }

// Below this many multiply-adds per product, waking workers costs more than it saves.
constexpr double kParallelWork = 1 << 18;
// Column chunks are multiples of every tile width (48, 24, 16, 8) so that only the last has an edge.
constexpr long kColumnQuantum = 48;

}  // namespace

const char* gemmIsa() { return chosen().isa; }

template <typename T>
void gemmBatched(const T* a, const long stridesA[3], const T* b, const long stridesB[3], T* c,
                 long batch, long m, long k, long n, const T* bias, bool relu) {
  if (batch == 0 || m == 0 || n == 0) return;
  if (k == 0) {
    for (long row = 0; row < batch * m; ++row)
      for (long j = 0; j < n; ++j) {
        const T value = bias == nullptr ? T(0) : bias[j];
        c[row * n + j] = relu && !(value > 0 || value != value) ? T(0) : value;
      }
    return;
  }
  const double work = static_cast<double>(batch) * m * n * k;
  const long threads = work < kParallelWork ? 1 : numThreads();
  // Split columns (in quanta of a wide tile) when there are fewer batches than threads.
  const long maxChunks = std::max(1L, (n + kColumnQuantum - 1) / kColumnQuantum);
  const long chunks = batch >= threads ? 1 : std::min(maxChunks, (threads + batch - 1) / batch);
  const long chunkWidth = ((n + chunks - 1) / chunks + kColumnQuantum - 1) / kColumnQuantum * kColumnQuantum;
  const long tasks = batch * chunks;
  auto task = [&](long index) {
    const long batchIndex = index / chunks;
    const long j0 = (index % chunks) * chunkWidth;
    const long j1 = std::min(n, j0 + chunkWidth);
    if (j0 >= j1) return;
    GemmTile<T> tile{a + batchIndex * stridesA[0], stridesA[1], stridesA[2],
                     b + batchIndex * stridesB[0], stridesB[1], stridesB[2],
                     c + batchIndex * m * n,        m, n, k};
    tile.bias = bias;
    tile.relu = relu;
    run(tile, j0, j1);
  };
  if (threads == 1 || tasks == 1) {
    for (long i = 0; i < tasks; ++i) task(i);
  } else {
    parallelFor(tasks, task);
  }
}

template <typename T>
void gemm(const GemmTile<T>& tile) {
  if (tile.m == 0 || tile.n == 0 || (tile.k == 0 && tile.accumulate)) return;
  if (tile.k == 0) {
    const long ldc = tile.ldc == 0 ? tile.n : tile.ldc;
    for (long i = 0; i < tile.m; ++i) std::memset(tile.c + i * ldc, 0, sizeof(T) * tile.n);
    return;
  }
  run(tile, 0, tile.n);
}

template void gemm<float>(const GemmTile<float>&);
template void gemm<double>(const GemmTile<double>&);

template void gemmBatched<float>(const float*, const long[3], const float*, const long[3], float*,
                                 long, long, long, long, const float*, bool);
template void gemmBatched<double>(const double*, const long[3], const double*, const long[3],
                                  double*, long, long, long, long, const double*, bool);

}  // namespace gradus
