// Convolution and pooling kernels (NCHW, contiguous): the geometry they share and their entry points.
#pragma once

namespace gradus {

/** Mirrors ConvGeometry of src/backend/conv-kernels.ts (the order of the Float64Array it arrives in). */
struct ConvGeometry {
  long batch, groups, inChannels, outChannels;
  long height, width, outHeight, outWidth;
  long kernelHeight, kernelWidth, strideHeight, strideWidth;
  long padTop, padLeft, dilationHeight, dilationWidth;
};

/** Mirrors PoolGeometry of src/backend/conv-kernels.ts. */
struct PoolGeometry {
  long planes, height, width, outHeight, outWidth;
  long kernelHeight, kernelWidth, strideHeight, strideWidth;
  long padTop, padLeft, dilationHeight, dilationWidth;
};

/** The convolutions of one element type and ISA (see conv-kernel.h). */
template <typename T>
struct ConvFunctions {
  void (*forward)(const T* x, const T* weight, const T* bias, const ConvGeometry& g, T* y);
  void (*inputGrad)(const T* y, const T* weight, const ConvGeometry& g, T* x);
  void (*weightGrad)(const T* x, const T* y, const ConvGeometry& g, T* weight);
};

ConvFunctions<float> convFloatAvx512();
ConvFunctions<double> convDoubleAvx512();
ConvFunctions<float> convFloatAvx2();
ConvFunctions<double> convDoubleAvx2();
ConvFunctions<float> convFloatGeneric();
ConvFunctions<double> convDoubleGeneric();

/** y = conv(x, w) + bias (bias may be null), on the ISA the GEMM uses. */
template <typename T>
void convForward(const T* x, const T* weight, const T* bias, const ConvGeometry& g, T* y);
/** x = the transpose of conv in its input applied to y (a transposed convolution). */
template <typename T>
void convInputGrad(const T* y, const T* weight, const ConvGeometry& g, T* x);
/** weight = the transpose of conv in its weight: Σ over samples and positions of y ⊗ x's windows. */
template <typename T>
void convWeightGrad(const T* x, const T* y, const ConvGeometry& g, T* weight);

template <typename T>
void maxPool2d(const T* x, const PoolGeometry& g, T* out, int* indices);

/** 2×2 windows at stride 2 without padding, planes [first, end), in AVX-512 (pool-avx512.cc). */
void maxPool2x2Avx512(const float* x, const PoolGeometry& g, long first, long end, float* out,
                      int* indices);
void maxPool2x2Avx512(const double* x, const PoolGeometry& g, long first, long end, double* out,
                      int* indices);
void maxUnpool2x2Avx512(const float* y, const int* indices, const PoolGeometry& g, long first,
                        long end, float* out);
void maxUnpool2x2Avx512(const double* y, const int* indices, const PoolGeometry& g, long first,
                        long end, double* out);
template <typename T>
void maxUnpool2d(const T* y, const int* indices, const PoolGeometry& g, T* out);
template <typename T>
void avgPool2d(const T* x, const PoolGeometry& g, bool countIncludePad, T* out);
template <typename T>
void avgPool2dTranspose(const T* y, const PoolGeometry& g, bool countIncludePad, T* out);

}  // namespace gradus
