// Fused scaled dot-product attention (the js reference: src/backend/js/attention.ts).
#pragma once
#include <cstdint>

namespace gradus {

/** One attention problem over `batch` entries; operands are strided matrices at per-entry offsets. */
template <typename T>
struct Attention {
  long batch, queries, keys, headDim, valueDim;
  const T *query, *key, *value;
  long queryRow, queryCol, keyRow, keyCol, valueRow, valueCol;
  /** 0: no mask, 1: int32 (0 = no part), 2: float of type T added to the scores. */
  int maskKind;
  const void* mask;
  long maskRow, maskCol;
  /** Per entry: the offsets of query, key, value and mask. */
  const double* offsets;
  bool causal;
  double scale;
  double dropoutP;
  uint32_t seed0, seed1;
};

/** out [batch, L, Ev] and lse [batch, L] (−∞ for a row with no pair taking part, whose out is 0). */
template <typename T>
void attentionForward(const Attention<T>& problem, T* out, double* lse);

/** Gradients of query, key, value (and of a float mask when maskGrad is not null). */
template <typename T>
void attentionBackward(const Attention<T>& problem, const T* out, const double* lse,
                       const T* outputGrad, T* queryGrad, T* keyGrad, T* valueGrad, T* maskGrad);

}  // namespace gradus
