// The small products of fused attention (head dimensions of tens, blocks of 32 queries): register-
// blocked without packing, B read in place from contiguous rows.
#pragma once

namespace gradus {

/**
 * C[m, n] = A·B (or C += A·B when accumulate) with A [m, k] strided (rowA, colA), B [k, n] in
 * contiguous rows of stride ldb, C in rows of stride ldc.
 */
void smallProduct(const float* a, long rowA, long colA, const float* b, long ldb, float* c, long ldc,
                  long m, long n, long k, bool accumulate);

}  // namespace gradus
