// The weight gradient of a stride-1 convolution with a short weight row (few input channels, at
// most 9 taps, as a network's first layer), where a GEMM tile over the row would be mostly empty:
// dot products along output rows, MA output channels × all taps of one input channel in registers,
// over the padded image. Partial sums of fixed sample chunks are added in chunk order.
#pragma once
#include "conv-pack.h"

namespace {

constexpr long kSmallChunkSamples = 16;
constexpr long kSmallMaxTaps = 9;

template <typename T>
struct IntLanes {
  typedef long long type __attribute__((vector_size(VBYTES)));
};
template <>
struct IntLanes<float> {
  typedef int type __attribute__((vector_size(VBYTES)));
};

template <typename T>
inline T laneSum(typename Vector<T>::type v) {
  constexpr int L = VBYTES / sizeof(T);
  T sum = 0;
  for (int l = 0; l < L; ++l) sum += v[l];
  return sum;
}

/** Whether the short-row weight gradient suits g (stride 1, ≤ 9 taps, a row shorter than `width`). */
inline bool smallWeightSuits(const ConvGeometry& g, long width) {
  const long taps = g.kernelHeight * g.kernelWidth;
  return g.strideHeight == 1 && g.strideWidth == 1 && taps <= kSmallMaxTaps &&
         (g.inChannels / g.groups) * taps < width;
}

template <typename T, int MA>
void convWeightGradSmall(const T* x, const T* y, const ConvGeometry& g, T* w) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T), TAPS = kSmallMaxTaps;
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long taps = g.kernelHeight * g.kernelWidth, depth = groupIn * taps;
  const PaddedImage size = paddedSize(g);
  const long plane = size.height * size.width, outPlane = g.outHeight * g.outWidth;
  const T* image = paddedImage(x, g, size, L);
  long shifts[TAPS];
  for (long k = 0; k < taps; ++k)
    shifts[k] = (k / g.kernelWidth) * g.dilationHeight * size.width + (k % g.kernelWidth) * g.dilationWidth;
  const long chunks = (g.batch + kSmallChunkSamples - 1) / kSmallChunkSamples;
  const long vectorWidth = g.outWidth / L * L;
  typename IntLanes<T>::type inTail;  // lanes of the last, partial vector of a row
  for (int l = 0; l < L; ++l) inTail[l] = vectorWidth + l < g.outWidth ? -1 : 0;
  T* partial = convScratch<T>(g.groups * chunks * groupOut * depth, kSums);
  auto task = [&](long index) {
    const long group = index / chunks, n0 = (index % chunks) * kSmallChunkSamples;
    const long n1 = std::min(g.batch, n0 + kSmallChunkSamples);
    T* sums = partial + index * groupOut * depth;
    for (long o0 = 0; o0 < groupOut; o0 += MA)
      for (long c = 0; c < groupIn; ++c) {
        V acc[MA][TAPS];
        for (int r = 0; r < MA; ++r)
          for (int k = 0; k < TAPS; ++k) acc[r][k] = V{};
        for (long n = n0; n < n1; ++n) {
          const T* channel = image + (n * g.inChannels + group * groupIn + c) * plane;
          const T* rows[MA];
          for (int r = 0; r < MA; ++r)
            rows[r] = y + (n * g.outChannels + group * groupOut + std::min(o0 + r, groupOut - 1)) * outPlane;
          for (long i = 0; i < g.outHeight; ++i) {
            const T* line = channel + i * size.width;
            for (long j = 0; j < vectorWidth; j += L) {
              V a[MA];
              for (int r = 0; r < MA; ++r) a[r] = loadUnaligned<V>(rows[r] + i * g.outWidth + j);
#pragma GCC unroll 9
              for (int k = 0; k < TAPS; ++k) {
                if (k >= taps) break;
                const V b = loadUnaligned<V>(line + j + shifts[k]);
                for (int r = 0; r < MA; ++r) acc[r][k] += a[r] * b;
              }
            }
            if (vectorWidth < g.outWidth) {  // the row's tail, zero-padded to a vector
              alignas(64) T padded[MA][L] = {};
              V a[MA];
              for (int r = 0; r < MA; ++r) {
                for (long j = vectorWidth; j < g.outWidth; ++j) padded[r][j - vectorWidth] = rows[r][i * g.outWidth + j];
                a[r] = loadUnaligned<V>(padded[r]);
              }
              for (long k = 0; k < taps; ++k) {
                // NOTE: lanes past the row read the image beyond it: zeroed, so that an infinite value
                // there cannot turn 0·∞ into NaN
                const V b = loadUnaligned<V>(line + vectorWidth + shifts[k]);
                for (int r = 0; r < MA; ++r) acc[r][k] += a[r] * (inTail ? b : V{});
              }
            }
          }
        }
        for (int r = 0; r < MA && o0 + r < groupOut; ++r)
          for (long k = 0; k < taps; ++k) sums[(o0 + r) * depth + c * taps + k] = laneSum<T>(acc[r][k]);
      }
  };
  runTasks(g.groups * chunks, double(g.batch) * outPlane * depth * g.outChannels, task);
  for (long group = 0; group < g.groups; ++group)
    for (long e = 0; e < groupOut * depth; ++e) {
      T total = 0;
      for (long chunk = 0; chunk < chunks; ++chunk) total += partial[(group * chunks + chunk) * groupOut * depth + e];
      w[group * groupOut * depth + e] = total;
    }
}

}  // namespace
