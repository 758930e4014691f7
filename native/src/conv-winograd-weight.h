// The weight gradient of a float32 3×3 stride-1 convolution by Winograd F(2×2, 3×3) on AVX-512: with
// V = Bᵀ d B of each input tile and Ȳ = A ȳ Aᵀ of each output-gradient tile, the 4×4 transformed
// gradient is dU[ξ][o][c] = Σ_tiles Ȳ[ξ][o] · V[ξ][c], 16 GEMMs over the tiles, and the filter's
// gradient Gᵀ dU G. Tasks own fixed blocks of tiles; their partial dU are added in block order.
#pragma once
#include "conv-winograd.h"

namespace {

#if VBYTES == 64
// Tiles per transform-and-GEMM round (its panels stay in L2) and per task (one partial sum each).
constexpr long kWinogradDepth = 96;
constexpr long kWinogradTaskTiles = 768;

/** Ȳ = A ȳ Aᵀ for 16 channels: y = [(0,0), (0,1), (1,0), (1,1)] → 16 vectors, row-major ξ. */
inline void gradientTransform(const __m512 y[4], __m512 out[16]) {
  // rows: A ȳ with A = [[1,0],[1,1],[1,−1],[0,−1]], then the same on columns
  __m512 rows[4][2];
  for (int s = 0; s < 2; ++s) {
    rows[0][s] = y[s];
    rows[1][s] = _mm512_add_ps(y[s], y[2 + s]);
    rows[2][s] = _mm512_sub_ps(y[s], y[2 + s]);
    rows[3][s] = _mm512_sub_ps(_mm512_setzero_ps(), y[2 + s]);
  }
  for (int r = 0; r < 4; ++r) {
    out[r * 4 + 0] = rows[r][0];
    out[r * 4 + 1] = _mm512_add_ps(rows[r][0], rows[r][1]);
    out[r * 4 + 2] = _mm512_sub_ps(rows[r][0], rows[r][1]);
    out[r * 4 + 3] = _mm512_sub_ps(_mm512_setzero_ps(), rows[r][1]);
  }
}

/** r[i][j] ↔ r[j][i] for 16 vectors of 16 floats (unpack, then 64-, 128- and 256-bit shuffles). */
inline void transpose16(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int i = 0; i < 16; i += 8)
    for (int j = 0; j < 4; ++j) {
      t[i + j] = _mm512_shuffle_f32x4(r[i + j], r[i + j + 4], 0x88);
      t[i + j + 4] = _mm512_shuffle_f32x4(r[i + j], r[i + j + 4], 0xdd);
    }
  for (int j = 0; j < 8; ++j) {
    r[j] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0x88);
    r[j + 8] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0xdd);
  }
}

/**
 * One row of `channels` planes (a multiple of 16; plane stride `stride`, `width` columns) into
 * channels-last order: out[col·channels + c] = in[c·stride + col], 16×16 blocks at a time.
 */
inline void channelsLast(const float* in, long channels, long stride, long width, float* out) {
  for (long c0 = 0; c0 < channels; c0 += 16)
    for (long w0 = 0; w0 < width; w0 += 16) {
      const long count = std::min(16L, width - w0);
      const __mmask16 mask = __mmask16((1u << count) - 1);
      __m512 r[16];
      for (int c = 0; c < 16; ++c) r[c] = _mm512_maskz_loadu_ps(mask, in + (c0 + c) * stride + w0);
      transpose16(r);
      for (long w = 0; w < count; ++w) _mm512_storeu_ps(out + (w0 + w) * channels + c0, r[w]);
    }
}

/** dW = Gᵀ dU G for one filter (3×3 from 4×4), in double. */
inline void filterGradient(const double du[16], float* out) {
  double a[3][4];  // Gᵀ dU, Gᵀ = [[1, ½, ½, 0], [0, ½, −½, 0], [0, ½, ½, 1]]
  for (int s = 0; s < 4; ++s) {
    a[0][s] = du[s] + (du[4 + s] + du[8 + s]) / 2;
    a[1][s] = (du[4 + s] - du[8 + s]) / 2;
    a[2][s] = (du[4 + s] + du[8 + s]) / 2 + du[12 + s];
  }
  for (int r = 0; r < 3; ++r) {
    out[r * 3 + 0] = float(a[r][0] + (a[r][1] + a[r][2]) / 2);
    out[r * 3 + 1] = float((a[r][1] - a[r][2]) / 2);
    out[r * 3 + 2] = float((a[r][1] + a[r][2]) / 2 + a[r][3]);
  }
}

/** The gradient of convForwardWinograd's weight; `g` must suit winogradSuits with channels % 16 == 0. */
void convWeightGradWinograd(const float* x, const float* yGrad, const ConvGeometry& g, float* w) {
  constexpr int MR = 8, NV = 2, NR = 32, TB = kWinogradDepth;
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long tilesH = (g.outHeight + 1) / 2, tilesW = (g.outWidth + 1) / 2;
  const long perSample = tilesH * tilesW, tiles = g.batch * perSample;
  if (tiles == 0) return std::fill(w, w + g.outChannels * groupIn * 9, 0.0f);
  const PaddedImage size{2 * tilesH + 2, 2 * tilesW + 2};
  const long plane = size.height * size.width, outPlane = g.outHeight * g.outWidth;
  // channels last, so that 16 channels of one position are one vector: x padded as [n][row][col][c],
  // y as [n][i][j][o]
  float* image = convScratch<float>(g.batch * plane * g.inChannels + 16, kImage);
  float* gradient = convScratch<float>(g.batch * outPlane * g.outChannels + 16, kFlipped);
  runTasks(g.batch, double(g.batch) * plane * g.inChannels * 8, [&](long n) {
    float* dst = image + n * plane * g.inChannels;
    std::fill(dst, dst + plane * g.inChannels, 0.0f);
    for (long h = 0; h < g.height; ++h)
      if (h + g.padTop >= 0 && h + g.padTop < size.height)
        channelsLast(x + n * g.inChannels * g.height * g.width + h * g.width, g.inChannels,
                     g.height * g.width, g.width, dst + ((h + g.padTop) * size.width + g.padLeft) * g.inChannels);
    for (long i = 0; i < g.outHeight; ++i)
      channelsLast(yGrad + n * g.outChannels * outPlane + i * g.outWidth, g.outChannels, outPlane,
                   g.outWidth, gradient + (n * outPlane + i * g.outWidth) * g.outChannels);
  });
  const long mPanels = groupOut / MR, nPanels = groupIn / NR;
  const long blocks = (tiles + kWinogradTaskTiles - 1) / kWinogradTaskTiles;
  const long sumSize = 16 * groupOut * groupIn;
  float* partial = convScratch<float>(g.groups * blocks * sumSize, kSums);
  auto task = [&](long index) {
    const long group = index / blocks, first = (index % blocks) * kWinogradTaskTiles;
    const long last = std::min(tiles, first + kWinogradTaskTiles);
    // NOTE: the ξ-planes of the panels are a cache line more than a multiple of 4 KiB apart, so that
    // the 16 stores of one transform do not alias the loads that follow (4K aliasing stalls)
    const long strideA = groupOut * TB + 16, strideB = groupIn * TB + 16;
    float* a = convScratch<float>(16 * strideA, kPanelA);  // Ȳ as [ξ][panel][t][8 o's]
    float* b = convScratch<float>(16 * strideB, kPanelB);  // V as [ξ][panel][t][32 c's]
    float* sums = partial + index * sumSize;                     // [ξ][o][c]
    for (long t0 = first; t0 < last; t0 += TB) {
      const long count = std::min<long>(TB, last - t0);
      for (long t = 0; t < TB; ++t) {
        const bool inside = t < count;
        const long tile = t0 + (inside ? t : 0), n = tile / perSample;
        const long ti = (tile % perSample) / tilesW, tj = tile % tilesW;
        const bool right = 2 * tj + 1 < g.outWidth, below = 2 * ti + 1 < g.outHeight;
        for (long c0 = 0; c0 < groupIn; c0 += 16) {  // 16 channels of the input tile
          const float* at = image + ((n * size.height + 2 * ti) * size.width + 2 * tj) * g.inChannels + group * groupIn + c0;
          __m512 d[16], v[16];
          for (int r = 0; r < 4; ++r)
            for (int s = 0; s < 4; ++s)
              d[r * 4 + s] = inside ? _mm512_loadu_ps(at + (r * size.width + s) * g.inChannels) : _mm512_setzero_ps();
          inputTransform(d, v);
          for (int xi = 0; xi < 16; ++xi)
            _mm512_store_ps(b + xi * strideB + ((c0 / NR) * TB + t) * NR + c0 % NR, v[xi]);
        }
        for (long o0 = 0; o0 < groupOut; o0 += 16) {  // 16 channels of the output-gradient tile
          const float* at = gradient + ((n * g.outHeight + 2 * ti) * g.outWidth + 2 * tj) * g.outChannels + group * groupOut + o0;
          const __m512 zero = _mm512_setzero_ps();
          const long down = g.outWidth * g.outChannels;
          const __m512 y[4] = {inside ? _mm512_loadu_ps(at) : zero,
                               inside && right ? _mm512_loadu_ps(at + g.outChannels) : zero,
                               inside && below ? _mm512_loadu_ps(at + down) : zero,
                               inside && right && below ? _mm512_loadu_ps(at + down + g.outChannels) : zero};
          __m512 u[16];
          gradientTransform(y, u);
          for (int xi = 0; xi < 16; ++xi) {
            float* dst = a + xi * strideA + ((o0 / MR) * TB + t) * MR;
            _mm256_store_ps(dst, _mm512_castps512_ps256(u[xi]));
            _mm256_store_ps(dst + TB * MR, _mm512_extractf32x8_ps(u[xi], 1));
          }
        }
      }
      for (int xi = 0; xi < 16; ++xi)
        for (long ir = 0; ir < mPanels; ++ir)
          for (long jn = 0; jn < nPanels; ++jn)
            tileKernel<float, MR, NV>(TB, a + xi * strideA + ir * TB * MR, b + xi * strideB + jn * TB * NR,
                                      sums + (xi * groupOut + ir * MR) * groupIn + jn * NR, groupIn, nullptr,
                                      t0 > first);
    }
  };
  runTasks(g.groups * blocks, double(tiles) * 16 * groupIn * g.outChannels, task);
  for (long group = 0; group < g.groups; ++group) {
    float* total = partial + group * blocks * sumSize;  // block sums added in block order
    for (long block = 1; block < blocks; ++block)
      for (long e = 0; e < sumSize; ++e) total[e] += total[block * sumSize + e];
    for (long o = 0; o < groupOut; ++o)
      for (long c = 0; c < groupIn; ++c) {
        double du[16];
        for (int xi = 0; xi < 16; ++xi) du[xi] = total[(xi * groupOut + o) * groupIn + c];
        filterGradient(du, w + ((group * groupOut + o) * groupIn + c) * 9);
      }
  }
}
#endif

}  // namespace
