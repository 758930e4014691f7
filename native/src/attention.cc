// Fused scaled dot-product attention, one batch entry at a time: Q, K, V copied to contiguous rows,
// then blocks of 32 queries (a causal block needs only the keys up to its last query): scores, a
// stable softmax per row, dropout from the counter-based hash, the product with V. The backward
// recomputes each block's P from the saved log Σ exp, so scratch stays O((L + S)·E + 32·S).
#include "attention.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "attention-products.h"
#include "attention-rows.h"
#include "gemm.h"
#include "thread-pool.h"

namespace gradus {
namespace {

constexpr double kParallelWork = 1 << 18;
constexpr long kBlock = 32;
constexpr double kNone = -std::numeric_limits<double>::infinity();

enum Scratch { kQuery, kKey, kKeyT, kValue, kValueT, kOutGradRows, kP, kDScores, kDropped, kScratches };

template <typename T>
T* scratch(Scratch which, long size) {
  static thread_local std::vector<T> buffers[kScratches];
  if (static_cast<long>(buffers[which].size()) < size) buffers[which].resize(size);
  return buffers[which].data();
}

/** C (ldc) = A·B or += A·B, with B in contiguous rows of stride ldb. */
inline void product(const float* a, long rowA, long colA, const float* b, long ldb, float* c,
                    long ldc, long m, long n, long k, bool accumulate = false) {
  smallProduct(a, rowA, colA, b, ldb, c, ldc, m, n, k, accumulate);
}

inline void product(const double* a, long rowA, long colA, const double* b, long ldb, double* c,
                    long ldc, long m, long n, long k, bool accumulate = false) {
  gemm(GemmTile<double>{a, rowA, colA, b, ldb, 1, c, m, n, k, ldc, accumulate});
}

uint32_t dropoutThreshold(double p) {
  const double bits = std::floor(p * 4294967296.0);
  return bits >= 4294967295.0 ? 4294967295U : static_cast<uint32_t>(bits);
}

/** Rows of a matrix: where they start and their stride (each row contiguous). */
template <typename T>
struct Rows {
  const T* data;
  long stride;
};

/** x itself when its rows are contiguous, else a contiguous copy in scratch `which`. */
template <typename T>
Rows<T> rowsOf(Scratch which, const T* x, Layout layout, long rows, long cols);

/** out [rows, cols] (or its transpose [cols, rows]) = the strided matrix at x. */
template <typename T>
T* gather(Scratch which, const T* x, Layout layout, long rows, long cols, bool transpose) {
  T* out = scratch<T>(which, rows * cols);
  for (long i = 0; i < rows; ++i)
    for (long j = 0; j < cols; ++j)
      out[transpose ? j * rows + i : i * cols + j] = x[i * layout.row + j * layout.col];
  return out;
}

template <typename T>
Rows<T> rowsOf(Scratch which, const T* x, Layout layout, long rows, long cols) {
  if (layout.col == 1 || cols <= 1) return {x, layout.row};
  return {gather(which, x, layout, rows, cols, false), cols};
}

/** Batch entry b of a problem: its operands as rows (copied when strided), masks and dropout. */
template <typename T>
struct Entry {
  const Attention<T>& p;
  long b;
  Rows<T> query, key, value;
  const T *keyT, *valueT;

  Entry(const Attention<T>& problem, long entry, bool backward) : p(problem), b(entry) {
    const T* q = p.query + p.offset(b, kQ);
    const T* k = p.key + p.offset(b, kK);
    const T* v = p.value + p.offset(b, kV);
    const long L = p.queries, S = p.keys, E = p.headDim, Ev = p.valueDim;
    query = rowsOf(kQuery, q, p.layout[kQ], L, E);
    key = rowsOf(kKey, k, p.layout[kK], S, E);
    keyT = gather(kKeyT, k, p.layout[kK], S, E, true);
    value = rowsOf(kValue, v, p.layout[kV], S, Ev);
    valueT = backward ? gather(kValueT, v, p.layout[kV], S, Ev, true) : nullptr;
  }

  /** The pairs (i, j) that can take part: j < reach(i) (all S, or i + 1 when causal). */
  long reach(long i) const { return p.causal ? std::min(i + 1, p.keys) : p.keys; }

  /** row[0, n) ← scale·row + mask (−∞ where an int32 mask is 0). */
  void prepare(T* row, long i, long n) const {
    scaleRow(row, n, static_cast<T>(p.scale));
    const long at = p.offset(b, kMask) + i * p.layout[kMask].row, step = p.layout[kMask].col;
    if (p.maskKind == 1) {
      const int32_t* mask = static_cast<const int32_t*>(p.mask) + at;
      for (long j = 0; j < n; ++j)
        if (mask[j * step] == 0) row[j] = -std::numeric_limits<T>::infinity();
    } else if (p.maskKind == 2) {
      const T* mask = static_cast<const T*>(p.mask) + at;
      for (long j = 0; j < n; ++j) row[j] += mask[j * step];
    }
  }

  /** out[0, n) ← row · the dropout multipliers of row i (0 or 1/(1 − p)). */
  void drop(const T* row, T* out, long i, long n) const {
    const uint64_t first = (static_cast<uint64_t>(b) * p.queries + i) * p.keys;
    dropoutRow(row, out, n, p.seed0, p.seed1, first, dropoutThreshold(p.dropoutP),
               static_cast<T>(1 / (1 - p.dropoutP)));
  }

  /** block[rows, 0:n] (rows of stride S) = Q[i0:i0 + rows]·K[0:n]ᵀ, the unscaled scores. */
  void scores(T* block, long i0, long rows, long n) const {
    product(query.data + i0 * query.stride, query.stride, 1, keyT, p.keys, block, p.keys, rows, n,
            p.headDim);
  }
};

template <typename T>
void forwardEntry(const Attention<T>& p, long b, T* out, double* lse) {
  const Entry<T> entry(p, b, false);
  const long L = p.queries, S = p.keys, Ev = p.valueDim;
  T* probabilities = scratch<T>(kP, kBlock * S);
  for (long i0 = 0; i0 < L; i0 += kBlock) {
    const long rows = std::min(kBlock, L - i0), n = entry.reach(i0 + rows - 1);
    entry.scores(probabilities, i0, rows, n);
    for (long r = 0; r < rows; ++r) {
      const long i = i0 + r, reach = entry.reach(i);
      T* row = probabilities + r * S;
      entry.prepare(row, i, reach);
      lse[b * L + i] = softmaxRow(row, reach, S);
      std::fill(row + reach, row + n, T(0));
      if (p.dropoutP > 0) entry.drop(row, row, i, reach);
    }
    // out[i0:i1] = P·V[0:n]
    const long outRow = p.layout[kOut].row;
    product(probabilities, S, 1, entry.value.data, entry.value.stride, out + p.offset(b, kOut) + i0 * outRow, outRow,
            rows, Ev, n);
  }
}

template <typename T>
void backwardEntry(const Attention<T>& p, long b, const T* out, const double* lse,
                   const T* outputGrad, T* queryGrad, T* keyGrad, T* valueGrad, T* maskGrad) {
  const Entry<T> entry(p, b, true);
  const long L = p.queries, S = p.keys, E = p.headDim, Ev = p.valueDim;
  const bool dropout = p.dropoutP > 0;
  T* probabilities = scratch<T>(kP, kBlock * S);
  T* dScores = scratch<T>(kDScores, kBlock * S);
  T* dropped = dropout ? scratch<T>(kDropped, kBlock * S) : probabilities;
  const long dqRow = p.layout[kQGrad].row, dkRow = p.layout[kKGrad].row;
  const long dvRow = p.layout[kVGrad].row;
  T* dKey = keyGrad + p.offset(b, kKGrad);
  T* dValue = valueGrad + p.offset(b, kVGrad);
  for (long j = 0; j < S; ++j) {
    std::fill(dKey + j * dkRow, dKey + j * dkRow + E, T(0));
    std::fill(dValue + j * dvRow, dValue + j * dvRow + Ev, T(0));
  }
  const T* dOutAll = gather(kOutGradRows, outputGrad + p.offset(b, kOutGrad), p.layout[kOutGrad], L,
                            Ev, false);
  const T* o = out + p.offset(b, kOut);
  const Layout outLayout = p.layout[kOut];
  const T scale = static_cast<T>(p.scale);
  for (long i0 = 0; i0 < L; i0 += kBlock) {
    const long rows = std::min(kBlock, L - i0), n = entry.reach(i0 + rows - 1);
    const T* dOut = dOutAll + i0 * Ev;
    const auto reachOf = [&](long i) { return lse[b * L + i] == kNone ? 0 : entry.reach(i); };
    entry.scores(probabilities, i0, rows, n);
    for (long r = 0; r < rows; ++r) {
      const long i = i0 + r, reach = reachOf(i);
      T* row = probabilities + r * S;
      entry.prepare(row, i, reach);
      expShiftedRow(row, reach, S, lse[b * L + i]);
      std::fill(row + reach, row + n, T(0));
      if (dropout) {
        entry.drop(row, dropped + r * S, i, reach);
        std::fill(dropped + r * S + reach, dropped + r * S + n, T(0));
      }
    }
    // ∂P_dropped = dO·Vᵀ; ∂V[0:n] += P_droppedᵀ·dO
    product(dOut, Ev, 1, entry.valueT, S, dScores, S, rows, n, Ev);
    product(dropped, 1, S, dOut, Ev, dValue, dvRow, n, Ev, rows, true);
    for (long r = 0; r < rows; ++r) {
      const long i = i0 + r, reach = reachOf(i);
      T delta = 0;
      for (long e = 0; e < Ev; ++e)
        delta += dOut[r * Ev + e] * o[i * outLayout.row + e * outLayout.col];
      T* row = dScores + r * S;
      const T* pRow = probabilities + r * S;
      // ∂x_ij = P_ij·(D_ij·∂P_dropped_ij − Σ_e dO_ie·O_ie)
      if (dropout) entry.drop(row, row, i, reach);
      softmaxGradRow(row, pRow, reach, delta, maskGrad == nullptr ? scale : T(1));
      std::fill(row + reach, row + n, T(0));
      if (maskGrad != nullptr) {
        T* grad = maskGrad + (b * L + i) * S;
        std::copy(row, row + n, grad);
        std::fill(grad + n, grad + S, T(0));
        scaleRow(row, reach, scale);
      }
    }
    // ∂Q[i0:i1] = scale·∂x·K[0:n]; ∂K[0:n] += scale·∂xᵀ·Q[i0:i1]
    product(dScores, S, 1, entry.key.data, entry.key.stride, queryGrad + p.offset(b, kQGrad) + i0 * dqRow, dqRow, rows,
            E, n);
    product(dScores, 1, S, entry.query.data + i0 * entry.query.stride, entry.query.stride, dKey,
            dkRow, n, E, rows, true);
  }
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
