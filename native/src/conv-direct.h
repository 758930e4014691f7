// Direct stride-1 convolutions on a zero-padded image, with no im2col at all: output position (i, j)
// becomes flat column q = i·Wp + j of the padded width Wp, so kernel tap (c, a, b) reads the image
// at q + c·plane + a·dh·Wp + b·dw — a contiguous vector for consecutive q. Columns j ≥ OW are junk
// (computed, then dropped: (Wp − OW)/Wp of the work). Included after conv-kernel.h.
#pragma once
#include "conv-pack.h"

namespace {

/** The padded domain of a stride-1 convolution: planes of rows × width, and flat columns per sample. */
struct Domain {
  long rows, width, columns;
};

inline Domain domainOf(const ConvGeometry& g) {
  const PaddedImage p = paddedSize(g);
  return {p.height, p.width, g.outHeight * p.width};
}

/** dst[t] = src[t] for t < count (a masked store on AVX-512 for the tail). */
template <typename T>
inline void copyRun(T* dst, const T* src, long count) {
#if VBYTES == 64
  constexpr int L = 64 / sizeof(T);
  using V = typename Vector<T>::type;
  long t = 0;
  for (; t + L <= count; t += L) storeUnaligned<V>(dst + t, loadUnaligned<V>(src + t));
  if (t < count) {
    const unsigned m = (1u << (count - t)) - 1;
    if constexpr (sizeof(T) == 4)
      _mm512_mask_storeu_ps(dst + t, static_cast<__mmask16>(m), _mm512_loadu_ps(src + t));
    else
      _mm512_mask_storeu_pd(dst + t, static_cast<__mmask8>(m), _mm512_loadu_pd(src + t));
  }
#else
  for (long t = 0; t < count; ++t) dst[t] = src[t];
#endif
}

/** C[MR, NR] (ldc) = bias + Σₚ A[:, p] ⊗ image[offsets[p] …], the image read in place. */
template <typename T, int MR, int NV>
inline void directTile(long kc, const T* __restrict a, const T* image, const long* offsets, T* c,
                       long ldc, const T* bias) {
  using V = typename Vector<T>::type;
  constexpr int L = VBYTES / sizeof(T);
  V acc[MR][NV];
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) acc[r][v] = bias == nullptr ? V{} : V{} + bias[r];
  for (long p = 0; p < kc; ++p) {
    const T* row = image + offsets[p];
    V bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) bv[v] = loadUnaligned<V>(row + v * L);
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
      const T scale = a[r];
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[r][v] += scale * bv[v];
    }
    a += MR;
  }
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r)
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) storeUnaligned<V>(c + r * ldc + v * L, acc[r][v]);
}

template <typename T, int MR, int NV>
void convForwardDirect(const T* x, const T* w, const T* bias, const ConvGeometry& g, T* y) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  const Domain d = domainOf(g);
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long depth = groupIn * g.kernelHeight * g.kernelWidth, plane = d.rows * d.width;
  const long tiles = (d.columns + NR - 1) / NR, mPanels = (groupOut + MR - 1) / MR;
  const T* image = paddedImage(x, g, {d.rows, d.width}, NR + plane + 2 * VBYTES);
  std::vector<long> offsets(depth);
  for (long k = 0; k < depth; ++k) {
    const long c = k / (g.kernelHeight * g.kernelWidth), tap = k % (g.kernelHeight * g.kernelWidth);
    offsets[k] = c * plane + (tap / g.kernelWidth) * g.dilationHeight * d.width +
                 (tap % g.kernelWidth) * g.dilationWidth;
  }
  T* packedA = convScratch<T>(g.groups * mPanels * MR * depth, kWeights);
  std::vector<T> biasRows(g.groups * mPanels * MR, T(0));
  for (long group = 0; group < g.groups; ++group) {
    packA<T, MR>(w + group * groupOut * depth, depth, 1, groupOut, depth,
                 packedA + group * mPanels * MR * depth);
    for (long o = 0; o < groupOut && bias != nullptr; ++o)
      biasRows[group * mPanels * MR + o] = bias[group * groupOut + o];
  }
  const long outPlane = g.outHeight * g.outWidth;
  auto task = [&](long index) {  // one sample and group
    const long n = index / g.groups, group = index % g.groups;
    const T* base = image + (n * g.inChannels + group * groupIn) * plane;
    alignas(64) T edge[MR * NR];
    for (long ir = 0; ir < mPanels; ++ir) {
      const long rows = std::min<long>(MR, groupOut - ir * MR), o0 = group * groupOut + ir * MR;
      const T* panelA = packedA + (group * mPanels + ir) * MR * depth;
      const T* rowBias = bias == nullptr ? nullptr : biasRows.data() + (group * mPanels + ir) * MR;
      for (long tile = 0; tile < tiles; ++tile) {
        const long q0 = tile * NR;
        directTile<T, MR, NV>(depth, panelA, base + q0, offsets.data(), edge, NR, rowBias);
        for (long t = 0; t < NR && q0 + t < d.columns;) {  // the valid stretch of each output row
          const long i = (q0 + t) / d.width, j = (q0 + t) % d.width;
          const long len = std::min(NR - t, d.width - j), valid = std::max(0L, std::min(len, g.outWidth - j));
          for (long r = 0; r < rows && valid > 0; ++r)
            copyRun(y + (n * g.outChannels + o0 + r) * outPlane + i * g.outWidth + j, edge + r * NR + t, valid);
          t += len;
        }
      }
    }
  };
  runTasks(g.batch * g.groups, double(g.batch) * d.columns * depth * g.outChannels, task);
}

/** The transposed convolution at stride 1: the forward one of y with flipped, transposed weights. */
template <typename T, int MR, int NV>
void convInputGradDirect(const T* y, const T* w, const ConvGeometry& g, T* x,
                         void (*forward)(const T*, const T*, const T*, const ConvGeometry&, T*)) {
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long kh = g.kernelHeight, kw = g.kernelWidth;
  T* flipped = convScratch<T>(g.inChannels * groupOut * kh * kw, kFlipped);  // [C, O/groups, kH, kW]
  for (long group = 0; group < g.groups; ++group)
    for (long c = 0; c < groupIn; ++c)
      for (long o = 0; o < groupOut; ++o)
        for (long a = 0; a < kh; ++a)
          for (long b = 0; b < kw; ++b)
            flipped[(((group * groupIn + c) * groupOut + o) * kh + a) * kw + b] =
                w[(((group * groupOut + o) * groupIn + c) * kh + (kh - 1 - a)) * kw + (kw - 1 - b)];
  const ConvGeometry transposed{g.batch, g.groups, g.outChannels, g.inChannels, g.outHeight, g.outWidth,
                                g.height, g.width, kh, kw, 1, 1,
                                g.dilationHeight * (kh - 1) - g.padTop, g.dilationWidth * (kw - 1) - g.padLeft,
                                g.dilationHeight, g.dilationWidth};
  forward(y, flipped, nullptr, transposed, x);
}

}  // namespace
