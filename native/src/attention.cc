// Fused scaled dot-product attention: per batch entry the scores by GEMM, a stable softmax per row,
// dropout from the counter-based hash, the product with V; the backward recomputes P per entry, so
// memory beyond the outputs is one or two [L, S] buffers per thread.
#include "attention.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "gemm.h"
#include "thread-pool.h"

namespace gradus {
namespace {

constexpr double kParallelWork = 1 << 18;

uint32_t mix32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  return x ^ (x >> 16);
}

/** The js reference's dropoutBits (src/backend/attention.ts), bit for bit. */
uint32_t dropoutBits(uint32_t seed0, uint32_t seed1, uint64_t index) {
  const uint32_t low = static_cast<uint32_t>(index), high = static_cast<uint32_t>(index >> 32);
  return mix32(mix32(low ^ seed0) + high + seed1);
}

uint32_t dropoutThreshold(double p) {
  const double bits = std::floor(p * 4294967296.0);
  return bits >= 4294967295.0 ? 4294967295U : static_cast<uint32_t>(bits);
}

template <typename T>
std::vector<T>& buffer(int which, long size) {
  static thread_local std::vector<T> buffers[3];
  if (static_cast<long>(buffers[which].size()) < size) buffers[which].resize(size);
  return buffers[which];
}

/** Per entry b: where its operands start, and the row-major layout of the scores. */
template <typename T>
struct Entry {
  const Attention<T>& p;
  long b;
  const T* query() const { return p.query + static_cast<long>(p.offsets[4 * b]); }
  const T* key() const { return p.key + static_cast<long>(p.offsets[4 * b + 1]); }
  const T* value() const { return p.value + static_cast<long>(p.offsets[4 * b + 2]); }
  long maskAt(long i, long j) const {
    return static_cast<long>(p.offsets[4 * b + 3]) + i * p.maskRow + j * p.maskCol;
  }
  /** x = scale·s + mask, or −∞ where the pair takes no part. */
  T score(T s, long i, long j) const {
    constexpr T kNone = -std::numeric_limits<T>::infinity();
    if (p.causal && j > i) return kNone;
    if (p.maskKind == 1 && static_cast<const int32_t*>(p.mask)[maskAt(i, j)] == 0) return kNone;
    const T x = static_cast<T>(p.scale) * s;
    return p.maskKind == 2 ? x + static_cast<const T*>(p.mask)[maskAt(i, j)] : x;
  }
  /** The dropout multiplier of pair (i, j): 0 or 1/(1 − p). */
  T keep(long i, long j, uint32_t threshold, T kept) const {
    const uint64_t index = (static_cast<uint64_t>(b) * p.queries + i) * p.keys + j;
    return dropoutBits(p.seed0, p.seed1, index) >= threshold ? kept : T(0);
  }
  /** scores[L, S] = Q·Kᵀ (unscaled). */
  void scores(T* out) const {
    gemm(GemmTile<T>{query(), p.queryRow, p.queryCol, key(), p.keyCol, p.keyRow, out, p.queries,
                     p.keys, p.headDim});
  }
};

template <typename T>
void forwardEntry(const Attention<T>& p, long b, T* out, double* lse) {
  const Entry<T> entry{p, b};
  const long L = p.queries, S = p.keys;
  T* probabilities = buffer<T>(0, L * S).data();
  entry.scores(probabilities);
  const uint32_t threshold = dropoutThreshold(p.dropoutP);
  const T kept = static_cast<T>(1 / (1 - p.dropoutP));
  for (long i = 0; i < L; ++i) {
    T* row = probabilities + i * S;
    T peak = -std::numeric_limits<T>::infinity();
    for (long j = 0; j < S; ++j) {
      row[j] = entry.score(row[j], i, j);
      peak = std::max(peak, row[j]);
    }
    if (peak == -std::numeric_limits<T>::infinity()) {
      std::memset(row, 0, sizeof(T) * S);
      lse[b * L + i] = -std::numeric_limits<double>::infinity();
      continue;
    }
    T total = 0;
    for (long j = 0; j < S; ++j) total += (row[j] = std::exp(row[j] - peak));
    lse[b * L + i] = static_cast<double>(peak) + std::log(static_cast<double>(total));
    const T inverse = T(1) / total;
    if (p.dropoutP > 0)
      for (long j = 0; j < S; ++j) row[j] *= inverse * entry.keep(i, j, threshold, kept);
    else
      for (long j = 0; j < S; ++j) row[j] *= inverse;
  }
  gemm(GemmTile<T>{probabilities, S, 1, entry.value(), p.valueRow, p.valueCol, out + b * L * p.valueDim,
                   L, p.valueDim, S});
}

template <typename T>
void backwardEntry(const Attention<T>& p, long b, const T* out, const double* lse, const T* outputGrad,
                   T* queryGrad, T* keyGrad, T* valueGrad, T* maskGrad) {
  const Entry<T> entry{p, b};
  const long L = p.queries, S = p.keys, E = p.headDim, Ev = p.valueDim;
  const T* dOut = outputGrad + b * L * Ev;
  const T* o = out + b * L * Ev;
  T* probabilities = buffer<T>(0, L * S).data();
  T* dScores = buffer<T>(1, L * S).data();
  const bool dropout = p.dropoutP > 0;
  T* dropped = dropout ? buffer<T>(2, L * S).data() : probabilities;
  const uint32_t threshold = dropoutThreshold(p.dropoutP);
  const T kept = static_cast<T>(1 / (1 - p.dropoutP));
  entry.scores(probabilities);
  for (long i = 0; i < L; ++i) {
    const double rowLse = lse[b * L + i];
    T* row = probabilities + i * S;
    if (rowLse == -std::numeric_limits<double>::infinity()) {
      std::memset(row, 0, sizeof(T) * S);
    } else {
      const T shift = static_cast<T>(rowLse);
      for (long j = 0; j < S; ++j) row[j] = std::exp(entry.score(row[j], i, j) - shift);
    }
    if (dropout)
      for (long j = 0; j < S; ++j) dropped[i * S + j] = row[j] * entry.keep(i, j, threshold, kept);
  }
  // ∂P_dropped = dO·Vᵀ, ∂V = P_droppedᵀ·dO
  gemm(GemmTile<T>{dOut, Ev, 1, entry.value(), p.valueCol, p.valueRow, dScores, L, S, Ev});
  gemm(GemmTile<T>{dropped, 1, S, dOut, Ev, 1, valueGrad + b * S * Ev, S, Ev, L});
  const T scale = static_cast<T>(p.scale);
  for (long i = 0; i < L; ++i) {
    T delta = 0;
    for (long e = 0; e < Ev; ++e) delta += dOut[i * Ev + e] * o[i * Ev + e];
    T* row = dScores + i * S;
    const T* pRow = probabilities + i * S;
    // ∂x_ij = P_ij·(D_ij·∂P_dropped_ij − Σ_e dO_ie·O_ie)
    if (dropout)
      for (long j = 0; j < S; ++j) row[j] = pRow[j] * (row[j] * entry.keep(i, j, threshold, kept) - delta);
    else
      for (long j = 0; j < S; ++j) row[j] = pRow[j] * (row[j] - delta);
    if (maskGrad != nullptr) std::memcpy(maskGrad + (b * L + i) * S, row, sizeof(T) * S);
    for (long j = 0; j < S; ++j) row[j] *= scale;
  }
  // ∂Q = scale·∂x·K, ∂K = scale·∂xᵀ·Q
  gemm(GemmTile<T>{dScores, S, 1, entry.key(), p.keyRow, p.keyCol, queryGrad + b * L * E, L, E, S});
  gemm(GemmTile<T>{dScores, 1, S, entry.query(), p.queryRow, p.queryCol, keyGrad + b * S * E, S, E, L});
}

template <typename T, typename F>
void forEachEntry(const Attention<T>& p, F&& task) {
  const double work = static_cast<double>(p.batch) * p.queries * p.keys * (p.headDim + p.valueDim);
  if (p.batch > 1 && work >= kParallelWork && numThreads() > 1)
    parallelFor(p.batch, task);
  else
    for (long b = 0; b < p.batch; ++b) task(b);
}

}  // namespace

template <typename T>
void attentionForward(const Attention<T>& p, T* out, double* lse) {
  forEachEntry(p, [&](long b) { forwardEntry(p, b, out, lse); });
}

template <typename T>
void attentionBackward(const Attention<T>& p, const T* out, const double* lse, const T* outputGrad,
                       T* queryGrad, T* keyGrad, T* valueGrad, T* maskGrad) {
  forEachEntry(p, [&](long b) {
    backwardEntry(p, b, out, lse, outputGrad, queryGrad, keyGrad, valueGrad, maskGrad);
  });
}

template void attentionForward<float>(const Attention<float>&, float*, double*);
template void attentionForward<double>(const Attention<double>&, double*, double*);
template void attentionBackward<float>(const Attention<float>&, const float*, const double*,
                                       const float*, float*, float*, float*, float*);
template void attentionBackward<double>(const Attention<double>&, const double*, const double*,
                                        const double*, double*, double*, double*, double*);

}  // namespace gradus
