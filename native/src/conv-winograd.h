// Winograd F(2×2, 3×3) for float32 3×3 stride-1 convolutions on AVX-512 (Lavin & Gray 2016's
// transforms): each 2×2 output tile is Aᵀ[Σ_c (G g Gᵀ) ⊙ (Bᵀ d B)]A over its 4×4 input window d, so the
// channel sums become 16 GEMMs of 2.25× fewer multiply-adds than the direct product. Transforms are
// vectorised over 16 tiles (gathers in, masked scatters out); a task owns a block of tiles.
#pragma once
#include "conv-pack.h"

namespace {

#if VBYTES == 64
// Tiles per task: a multiple of the 48-column register tile and of the 16 lanes of a transform.
constexpr long kWinogradBlock = 96;

/** Whether F(2×2, 3×3) applies, with channel counts that fill its GEMMs and 32-bit offsets. */
inline bool winogradSuits(const ConvGeometry& g) {
  const bool shape = g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 &&
                     g.strideWidth == 1 && g.dilationHeight == 1 && g.dilationWidth == 1;
  const double elements = double(g.batch) * std::max(g.inChannels, g.outChannels) *
                          (g.outHeight + 3) * (g.outWidth + 3);
  return shape && g.inChannels / g.groups >= 8 && g.outChannels / g.groups >= 8 && elements < 2e9;
}

/** U = G g Gᵀ of one 3×3 filter, in double before rounding. */
inline void filterTransform(const float* f, double u[16]) {
  double a[4][3];
  for (int k = 0; k < 3; ++k) {
    const double g0 = f[k], g1 = f[3 + k], g2 = f[6 + k];
    a[0][k] = g0, a[1][k] = (g0 + g1 + g2) / 2, a[2][k] = (g0 - g1 + g2) / 2, a[3][k] = g2;
  }
  for (int r = 0; r < 4; ++r) {
    u[r * 4 + 0] = a[r][0];
    u[r * 4 + 1] = (a[r][0] + a[r][1] + a[r][2]) / 2;
    u[r * 4 + 2] = (a[r][0] - a[r][1] + a[r][2]) / 2;
    u[r * 4 + 3] = a[r][2];
  }
}

/** V = Bᵀ d B of 16 tiles at once (lane l: tile l), d given row-major as 16 vectors. */
inline void inputTransform(const __m512 d[16], __m512 v[16]) {
  __m512 t[16];
  for (int s = 0; s < 4; ++s) {
    t[0 + s] = _mm512_sub_ps(d[0 + s], d[8 + s]);
    t[4 + s] = _mm512_add_ps(d[4 + s], d[8 + s]);
    t[8 + s] = _mm512_sub_ps(d[8 + s], d[4 + s]);
    t[12 + s] = _mm512_sub_ps(d[4 + s], d[12 + s]);
  }
  for (int r = 0; r < 16; r += 4) {
    v[r + 0] = _mm512_sub_ps(t[r + 0], t[r + 2]);
    v[r + 1] = _mm512_add_ps(t[r + 1], t[r + 2]);
    v[r + 2] = _mm512_sub_ps(t[r + 2], t[r + 1]);
    v[r + 3] = _mm512_sub_ps(t[r + 1], t[r + 3]);
  }
}

/** Y = Aᵀ M A of 16 tiles: y[0] = (0, 0), y[1] = (0, 1), y[2] = (1, 0), y[3] = (1, 1). */
inline void outputTransform(const __m512 m[16], __m512 y[4]) {
  __m512 s[8];
  for (int c = 0; c < 4; ++c) {
    s[c] = _mm512_add_ps(_mm512_add_ps(m[c], m[4 + c]), m[8 + c]);
    s[4 + c] = _mm512_sub_ps(_mm512_sub_ps(m[4 + c], m[8 + c]), m[12 + c]);
  }
  for (int u = 0; u < 2; ++u) {
    y[2 * u] = _mm512_add_ps(_mm512_add_ps(s[4 * u], s[4 * u + 1]), s[4 * u + 2]);
    y[2 * u + 1] = _mm512_sub_ps(_mm512_sub_ps(s[4 * u + 1], s[4 * u + 2]), s[4 * u + 3]);
  }
}

void convForwardWinograd(const float* x, const float* w, const float* bias, const ConvGeometry& g,
                         float* y) {
  constexpr int MR = 8, NV = 3, NR = 48, TB = kWinogradBlock;
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long tilesH = (g.outHeight + 1) / 2, tilesW = (g.outWidth + 1) / 2;
  const long perSample = tilesH * tilesW, tiles = g.batch * perSample;
  const PaddedImage size{2 * tilesH + 2, 2 * tilesW + 2};
  const long plane = size.height * size.width, outPlane = g.outHeight * g.outWidth;
  const float* image = paddedImage(x, g, size, 64);
  const long mPanels = (groupOut + MR - 1) / MR, panelSize = groupIn * MR;
  float* packedU = convScratch<float>(g.groups * 16 * mPanels * panelSize, kWeights);
  std::fill(packedU, packedU + g.groups * 16 * mPanels * panelSize, 0.0f);
  for (long group = 0; group < g.groups; ++group)
    for (long o = 0; o < groupOut; ++o)
      for (long c = 0; c < groupIn; ++c) {
        double u[16];
        filterTransform(w + ((group * groupOut + o) * groupIn + c) * 9, u);
        for (int xi = 0; xi < 16; ++xi)
          packedU[((group * 16 + xi) * mPanels + o / MR) * panelSize + c * MR + o % MR] = float(u[xi]);
      }
  const long blocks = (tiles + TB - 1) / TB;
  auto task = [&](long index) {
    const long group = index / blocks, t0 = (index % blocks) * TB, count = std::min<long>(TB, tiles - t0);
    // NOTE: ξ-planes a cache line more than a multiple of 4 KiB apart (no 4K aliasing of their stores)
    const long strideV = groupIn * TB + 16, strideM = mPanels * MR * TB + 16;
    float* v = convScratch<float>(16 * strideV, kPanelB);  // [ξ][panel][c][48]
    float* m = convScratch<float>(16 * strideM, kPanelC);  // [ξ][o][TB]
    alignas(64) int inBase[TB], outBase[TB];
    __mmask16 valid[TB / 16], right[TB / 16], below[TB / 16];
    for (long t = 0; t < TB; ++t) {
      const long tile = t0 + std::min(t, count - 1), n = tile / perSample;
      const long ti = (tile % perSample) / tilesW, tj = tile % tilesW;
      inBase[t] = int((n * g.inChannels + group * groupIn) * plane + 2 * ti * size.width + 2 * tj);
      outBase[t] = int(n * g.outChannels * outPlane + 2 * ti * g.outWidth + 2 * tj);
      const __mmask16 bit = __mmask16(1u << (t % 16));
      if (t % 16 == 0) valid[t / 16] = right[t / 16] = below[t / 16] = 0;
      if (t < count) valid[t / 16] |= bit;
      if (t < count && 2 * tj + 1 < g.outWidth) right[t / 16] |= bit;
      if (t < count && 2 * ti + 1 < g.outHeight) below[t / 16] |= bit;
    }
    for (long c = 0; c < groupIn; ++c)
      for (long q = 0; q < TB; q += 16) {
        const __m512i base = _mm512_add_epi32(_mm512_load_si512(inBase + q), _mm512_set1_epi32(int(c * plane)));
        __m512 d[16], transformed[16];
        for (int r = 0; r < 4; ++r)
          for (int s = 0; s < 4; ++s)
            d[r * 4 + s] = _mm512_i32gather_ps(_mm512_add_epi32(base, _mm512_set1_epi32(int(r * size.width + s))), image, 4);
        inputTransform(d, transformed);
        for (int xi = 0; xi < 16; ++xi)
          _mm512_store_ps(v + xi * strideV + ((q / NR) * groupIn + c) * NR + q % NR, transformed[xi]);
      }
    for (int xi = 0; xi < 16; ++xi)
      for (long ir = 0; ir < mPanels; ++ir)
        for (long p = 0; p < TB / NR; ++p)
          tileKernel<float, MR, NV>(groupIn, packedU + ((group * 16 + xi) * mPanels + ir) * panelSize,
                                    v + xi * strideV + p * groupIn * NR,
                                    m + xi * strideM + ir * MR * TB + p * NR, TB, nullptr, false);
    for (long o = 0; o < groupOut; ++o) {
      const long channel = group * groupOut + o;
      const __m512 offset = _mm512_set1_ps(bias == nullptr ? 0.0f : bias[channel]);
      for (long q = 0; q < TB; q += 16) {
        __m512 mv[16], out[4];
        for (int xi = 0; xi < 16; ++xi) mv[xi] = _mm512_load_ps(m + xi * strideM + o * TB + q);
        outputTransform(mv, out);
        const __m512i at = _mm512_add_epi32(_mm512_load_si512(outBase + q), _mm512_set1_epi32(int(channel * outPlane)));
        const __m512i next = _mm512_add_epi32(at, _mm512_set1_epi32(int(g.outWidth)));
        const __mmask16 k = valid[q / 16], r = right[q / 16], b = below[q / 16];
        _mm512_mask_i32scatter_ps(y, k, at, _mm512_add_ps(out[0], offset), 4);
        _mm512_mask_i32scatter_ps(y, r, _mm512_add_epi32(at, _mm512_set1_epi32(1)), _mm512_add_ps(out[1], offset), 4);
        _mm512_mask_i32scatter_ps(y, b, next, _mm512_add_ps(out[2], offset), 4);
        _mm512_mask_i32scatter_ps(y, r & b, _mm512_add_epi32(next, _mm512_set1_epi32(1)), _mm512_add_ps(out[3], offset), 4);
      }
    }
  };
  runTasks(g.groups * blocks, double(tiles) * 16 * groupIn * g.outChannels, task);
}
#endif

}  // namespace
