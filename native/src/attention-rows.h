// Row kernels of the fused attention: the stable softmax of one row of scores, the recomputation of
// P = exp(x − lse), and the dropout multipliers. float rows use a polynomial exp that vectorizes
// (compiled for AVX-512, AVX2 and baseline by target_clones); double rows use std::exp.
#pragma once
#include <cstdint>

namespace gradus {

/**
 * row[0, n) ← softmax(row[0, n)) in place; returns log Σ exp (−∞ and a zero row when every entry is
 * −∞). The row may be overwritten up to `capacity` ≥ n (float rows are padded to whole vectors).
 */
double softmaxRow(float* row, long n, long capacity);
double softmaxRow(double* row, long n, long capacity);

/** row[j] ← exp(row[j] − shift) for j in [0, n) (−∞ gives 0); may write up to `capacity`. */
void expShiftedRow(float* row, long n, long capacity, double shift);
void expShiftedRow(double* row, long n, long capacity, double shift);

/** row[0, n) ← factor·row[0, n). */
void scaleRow(float* row, long n, float factor);
void scaleRow(double* row, long n, double factor);

/** The softmax backward of one row: dRow[j] ← factor·p[j]·(dRow[j] − delta) for j in [0, n). */
void softmaxGradRow(float* dRow, const float* p, long n, float delta, float factor);
void softmaxGradRow(double* dRow, const double* p, long n, double delta, double factor);

/** The counter-based dropout bits of the js reference (src/backend/attention.ts), bit for bit. */
uint32_t dropoutBits(uint32_t seed0, uint32_t seed1, uint64_t index);

/** out[j] = (bits of index first + j ≥ threshold ? kept : 0) · in[j] for j in [0, n). */
template <typename T>
void dropoutRow(const T* in, T* out, long n, uint32_t seed0, uint32_t seed1, uint64_t first,
                uint32_t threshold, T kept);

}  // namespace gradus
