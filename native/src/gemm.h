// GEMM entry points: one strided single-batch product per ISA, and the threaded batched driver.
#pragma once

namespace gradus {

/**
 * One product C[:, j0:j1] = A·B (or C += A·B when accumulate) on strided A [m,k] and B [k,n] into
 * row-major C [m,n] with row stride ldc (0: n).
 */
template <typename T>
struct GemmTile {
  const T* a;
  long rowStrideA, colStrideA;
  const T* b;
  long rowStrideB, colStrideB;
  T* c;
  long m, n, k;
  long ldc = 0;
  bool accumulate = false;
  /** Added to every row once the whole sum is stored (C = A·B + bias), contiguous [n]; or null. */
  const T* bias = nullptr;
  /** Then C = relu(C) (NaN kept), as the relu kernel would. */
  bool relu = false;
};

using SgemmFn = void (*)(const GemmTile<float>&, long j0, long j1);
using DgemmFn = void (*)(const GemmTile<double>&, long j0, long j1);

void sgemmAvx512(const GemmTile<float>&, long, long);
void dgemmAvx512(const GemmTile<double>&, long, long);
void sgemmAvx2(const GemmTile<float>&, long, long);
void dgemmAvx2(const GemmTile<double>&, long, long);
void sgemmGeneric(const GemmTile<float>&, long, long);
void dgemmGeneric(const GemmTile<double>&, long, long);

/** The ISA chosen at load: "avx512", "avx2" or "generic". */
const char* gemmIsa();

/** One strided product C = A·B (or C += A·B) on the calling thread, for attention; k = 0 gives 0. */
template <typename T>
void gemm(const GemmTile<T>& tile);
/** Products with a right operand packed once (gemm-packed-kernel.h), for one ISA and dtype. */
template <typename T>
struct PackedGemm {
  /** Elements the packed form of a [k, n] operand takes. */
  long (*size)(long k, long n);
  /** Packs strided B [k, n] (row stride rs, column stride cs) into `out`, 64-byte aligned. */
  void (*pack)(const T* b, long rs, long cs, long k, long n, T* out);
  /** C [m, n] (row-major) = A·B for strided A [m, k] and B packed by `pack`. */
  void (*product)(const T* a, long rsA, long csA, const T* packed, T* c, long m, long n, long k);
};

PackedGemm<float> packedGemmAvx512F32();
PackedGemm<double> packedGemmAvx512F64();
PackedGemm<float> packedGemmAvx2F32();
PackedGemm<double> packedGemmAvx2F64();
PackedGemm<float> packedGemmGenericF32();
PackedGemm<double> packedGemmGenericF64();

/** The packed products of the ISA chosen at load. */
const PackedGemm<float>& packedGemm(float);
const PackedGemm<double>& packedGemm(double);

/**
 * Batched strided product; batch strides may be 0 (broadcast). Threads over batches and columns.
 * A contiguous bias [n] (or null) is added to every row after the sum, then relu if asked, as
 * further passes would.
 */
template <typename T>
void gemmBatched(const T* a, const long stridesA[3], const T* b, const long stridesB[3], T* c,
                 long batch, long m, long k, long n, const T* bias = nullptr, bool relu = false);

}  // namespace gradus
