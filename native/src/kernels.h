// Portable kernels behind the addon: strided elementwise maps, axis reductions, index select.
#pragma once
#include <cstddef>
#include <vector>

namespace gradus {

/** The unary kernels' names in code order ("copy" last but one is the strided copy). */
std::vector<const char*> unaryKernelNames();
/** The binary kernels' names in code order. */
std::vector<const char*> binaryKernelNames();
/** The reduction kernels' names in code order. */
std::vector<const char*> reduceKernelNames();

/** Elementwise unary op `op` (an index into unaryKernelNames) over a strided view, row-major out. */
template <typename T>
void unaryStrided(int op, const T* x, T* out, int rank, const long* shape, const long* strides,
                  double alpha);

/** Elementwise binary op over two strided views sharing `shape` (stride 0 broadcasts). */
template <typename T>
void binaryStrided(int op, const T* a, const T* b, T* out, int rank, const long* shape,
                   const long* stridesA, const long* stridesB);

/** Reduces contiguous x seen as [outer, size, inner] over its middle axis into out [outer, inner]. */
template <typename T>
void reduceMiddle(int op, const T* x, T* out, long outer, long size, long inner);

/** out[o, j, :] = x[o, index[j], :] for rows of `inner` elements of `bytes` each. */
void takeRows(const char* x, const int* index, long count, long outer, long axisSize, long inner,
              long bytes, char* out);

/**
 * Raises glibc's mmap and trim thresholds so freed tensor storage is reused warm rather than
 * unmapped and faulted in again (GRADUS_MALLOC_TUNING=0 skips it); true when applied.
 */
bool keepFreedMemoryWarm();

/**
 * Asks Linux to back the whole 2 MiB pages inside [data, data + bytes) with transparent huge pages
 * (as numpy does for arrays from 4 MiB): a fresh 4 MiB output then faults 2 times, not 1024.
 */
bool adviseHugePages(void* data, size_t bytes);

/**
 * Binary cross-entropy from logits per element into losses (float64), and σ(z) into sigma unless it
 * is null; the js reference's formula (backend.ts).
 */
template <typename T>
void sigmoidCrossEntropy(const T* z, const T* y, long n, double* losses, double* sigma);

/** out[o, index[j], :] += src[o, j, :]. */
template <typename T>
void takeAddRows(const T* src, const int* index, long count, long outer, long axisSize, long inner,
                 T* out);

}  // namespace gradus
