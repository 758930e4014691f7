// Fused scaled dot-product attention (the js reference: src/backend/js/attention.ts).
#pragma once
#include <cstdint>

namespace gradus {

/** A batch of strided matrices: entry b starts at offsets[stride·b + slot]. */
struct Layout {
  long row, col;
};

/** Operand slots in the per-entry offsets (9 numbers per entry). */
enum Operand { kQ, kK, kV, kMask, kOut, kOutGrad, kQGrad, kKGrad, kVGrad, kOperands };

/** One attention problem over `batch` entries; operands are strided matrices at per-entry offsets. */
template <typename T>
struct Attention {
  long batch, queries, keys, headDim, valueDim;
  const T *query, *key, *value;
  /** Row and column strides of each operand (outputs and gradients have col = 1). */
  Layout layout[kOperands];
  /** 0: no mask, 1: int32 (0 = no part), 2: float of type T added to the scores. */
  int maskKind;
  const void* mask;
  /** Per entry: the offsets of the kOperands operands. */
  const double* offsets;
  bool causal;
  double scale;
  double dropoutP;
  uint32_t seed0, seed1;

  long offset(long b, Operand o) const { return static_cast<long>(offsets[kOperands * b + o]); }
};

/** out (entry b at offset(b, kOut)) and lse [batch, L] (−∞ for a row with no pair taking part, whose out is 0). */
template <typename T>
void attentionForward(const Attention<T>& problem, T* out, double* lse);

/** Gradients of query, key, value (and of a float mask, contiguous, when maskGrad is not null). */
template <typename T>
void attentionBackward(const Attention<T>& problem, const T* out, const double* lse,
                       const T* outputGrad, T* queryGrad, T* keyGrad, T* valueGrad, T* maskGrad);

}  // namespace gradus
