// The three convolution products as implicit GEMMs on the register tile of this ISA, for any
// geometry: forward y = W·im2col(x), input gradient x += col2im(Wᵀ·y), weight gradient W = y·im2col(x)ᵀ.
#pragma once
#include "conv-scatter.h"

namespace {

// Output columns per forward task and per input-gradient task (whole samples), and columns per
// weight-gradient chunk: fixed, so that the split and the sums never depend on the thread count.
constexpr long kTaskColumns = 384;
constexpr long kChunkColumns = 2048;

/** This thread's tap tables (see tapRuns). */
inline std::vector<TapRun>& tapScratch() {
  static thread_local std::vector<TapRun> taps;
  return taps;
}

template <typename T, int MR, int NV, long KC>
void convForwardTiles(const T* x, const T* w, const T* bias, const ConvGeometry& g, T* y) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long depth = groupIn * g.kernelHeight * g.kernelWidth;
  const long perSample = g.outHeight * g.outWidth, columns = g.batch * perSample;
  if (columns == 0 || g.outChannels == 0) return;
  const long mPanels = (groupOut + MR - 1) / MR;
  T* packedA = convScratch<T>(g.groups * mPanels * MR * std::max(depth, 1L), kWeights);
  std::vector<T> biasRows(g.groups * mPanels * MR, T(0));
  for (long group = 0; group < g.groups; ++group) {
    packA<T, MR>(w + group * groupOut * depth, depth, 1, groupOut, depth,
                 packedA + group * mPanels * MR * depth);
    for (long o = 0; o < groupOut && bias != nullptr; ++o)
      biasRows[group * mPanels * MR + o] = bias[group * groupOut + o];
  }
  const long panels = (columns + NR - 1) / NR;
  const long chunkPanels = std::max(1L, kTaskColumns / NR);
  const long chunks = (panels + chunkPanels - 1) / chunkPanels;
  const long block = balancedBlock(std::max(depth, 1L), KC);
  const T* end = x + g.batch * g.inChannels * g.height * g.width;
  // stride-1 rows are packed from a zero-padded copy: one contiguous copy per run, no bounds
  const bool padded = g.strideWidth == 1;
  const PaddedImage size = paddedSize(g);
  const T* padding = padded ? paddedImage(x, g, size, VBYTES) : nullptr;
  auto task = [&](long index) {
    const long group = index / chunks, first = (index % chunks) * chunkPanels;
    const long last = std::min(panels, first + chunkPanels);
    T* packedB = convScratch<T>(block * chunkPanels * NR, kPanelB);
    Run runs[NR + 1];
    std::vector<TapRun>& taps = tapScratch();
    taps.resize(g.kernelHeight * g.kernelWidth * (NR + 1) * chunkPanels);
    alignas(64) T edge[MR * NR];
    const T* image = x + group * groupIn * g.height * g.width;
    for (long p0 = 0; p0 < depth || p0 == 0; p0 += block) {
      const long kc = std::min(block, depth - p0);
      for (long jp = first; jp < last; ++jp) {
        const long count = std::min<long>(NR, columns - jp * NR);
        const int runCount = columnRuns(jp * NR, count, g, runs);
        T* panel = packedB + (jp - first) * kc * NR;
        if (padded) {
          const T* planes = padding + group * groupIn * size.height * size.width;
          packPaddedIm2col<T, NR>(planes, g, size, runs, runCount, count, p0, kc, panel);
          continue;
        }
        TapRun* panelTaps = taps.data() + (jp - first) * g.kernelHeight * g.kernelWidth * (NR + 1);
        if (p0 == 0) tapRuns(g, runs, runCount, panelTaps);
        packIm2col<T, NR>(image, end, g, runs, runCount, panelTaps, count, p0, kc, panel);
      }
      for (long ir = 0; ir < mPanels; ++ir) {
        const long rows = std::min<long>(MR, groupOut - ir * MR), o0 = group * groupOut + ir * MR;
        const T* panelA = packedA + (group * mPanels + ir) * MR * depth + p0 * MR;
        const T* rowBias = bias == nullptr || p0 > 0 ? nullptr : biasRows.data() + (group * mPanels + ir) * MR;
        for (long jp = first; jp < last; ++jp) {
          const T* panelB = packedB + (jp - first) * kc * NR;
          const long col = jp * NR, n = col / perSample, p = col % perSample;
          if (rows == MR && col + NR <= columns && p + NR <= perSample) {
            tileKernel<T, MR, NV>(kc, panelA, panelB, y + (n * g.outChannels + o0) * perSample + p,
                                  perSample, rowBias, p0 > 0);
            continue;
          }
          // a tile across samples or past the last row or column: through `edge`, segment by segment
          tileKernel<T, MR, NV>(kc, panelA, panelB, edge, NR, rowBias, false);
          const long count = std::min<long>(NR, columns - col);
          for (long t = 0; t < count;) {
            const long sample = (col + t) / perSample, at = (col + t) % perSample;
            const long len = std::min(count - t, perSample - at);
            for (long r = 0; r < rows; ++r) {
              T* dst = y + (sample * g.outChannels + o0 + r) * perSample + at;
              const T* src = edge + r * NR + t;
              for (long q = 0; q < len; ++q) dst[q] = p0 > 0 ? dst[q] + src[q] : src[q];
            }
            t += len;
          }
        }
      }
      if (depth == 0) break;
    }
  };
  runTasks(g.groups * chunks, double(columns) * depth * g.outChannels, task);
}

template <typename T, int MR, int NV>
void convInputGradTiles(const T* y, const T* w, const ConvGeometry& g, T* x) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long rowsTotal = groupIn * g.kernelHeight * g.kernelWidth;  // im2col rows per group
  const long perSample = g.outHeight * g.outWidth, sampleSize = g.inChannels * g.height * g.width;
  const long mPanels = (rowsTotal + MR - 1) / MR;
  T* packedA = convScratch<T>(g.groups * mPanels * MR * std::max(groupOut, 1L), kWeights);
  for (long group = 0; group < g.groups; ++group)  // Wᵀ: [rows, groupOut]
    packA<T, MR>(w + group * groupOut * rowsTotal, 1, rowsTotal, rowsTotal, groupOut,
                 packedA + group * mPanels * MR * groupOut);
  const long samplesPerTask = std::max(1L, kTaskColumns / std::max(perSample, 1L));
  const long tasks = (g.batch + samplesPerTask - 1) / samplesPerTask;
  auto task = [&](long index) {
    const long n0 = index * samplesPerTask, n1 = std::min(g.batch, n0 + samplesPerTask);
    std::fill(x + n0 * sampleSize, x + n1 * sampleSize, T(0));
    const long col0 = n0 * perSample, columns = (n1 - n0) * perSample;
    const long panels = (columns + NR - 1) / NR;
    T* packedB = convScratch<T>(groupOut * panels * NR, kPanelB);
    Run runs[NR + 1];
    const long tapCount = g.kernelHeight * g.kernelWidth;
    std::vector<TapRun>& taps = tapScratch();
    std::vector<int> runCounts(panels);
    taps.resize(tapCount * (NR + 1) * panels);
    for (long jp = 0; jp < panels; ++jp) {
      runCounts[jp] = columnRuns(col0 + jp * NR, std::min<long>(NR, columns - jp * NR), g, runs);
      tapRuns(g, runs, runCounts[jp], taps.data() + jp * tapCount * (NR + 1));
    }
    std::vector<Run> panelRuns((NR + 1) * panels);
    for (long jp = 0; jp < panels; ++jp)
      columnRuns(col0 + jp * NR, std::min<long>(NR, columns - jp * NR), g, panelRuns.data() + jp * (NR + 1));
    alignas(64) T edge[MR * NR];
    for (long group = 0; group < g.groups && groupOut > 0; ++group) {
      for (long jp = 0; jp < panels; ++jp) {  // B[o, t] = y[n, group·groupOut + o, p]
        const long count = std::min<long>(NR, columns - jp * NR);
        T* panel = packedB + jp * groupOut * NR;
        for (long o = 0; o < groupOut; ++o) {
          T* dst = panel + o * NR;
          for (long t = 0; t < count;) {
            const long col = col0 + jp * NR + t, n = col / perSample, p = col % perSample;
            const long len = std::min(count - t, perSample - p);
            std::memcpy(dst + t, y + (n * g.outChannels + group * groupOut + o) * perSample + p, len * sizeof(T));
            t += len;
          }
          std::fill(dst + count, dst + NR, T(0));
        }
      }
      T* image = x + group * groupIn * g.height * g.width;
      for (long ir = 0; ir < mPanels; ++ir) {
        const long rows = std::min<long>(MR, rowsTotal - ir * MR);
        const T* panelA = packedA + (group * mPanels + ir) * MR * groupOut;
        for (long jp = 0; jp < panels; ++jp) {
          const long count = std::min<long>(NR, columns - jp * NR);
          (void)count;
          tileKernel<T, MR, NV>(groupOut, panelA, packedB + jp * groupOut * NR, edge, NR, nullptr, false);
          addIm2colTile<T, NR>(edge, rows, ir * MR, panelRuns.data() + jp * (NR + 1), runCounts[jp],
                               taps.data() + jp * tapCount * (NR + 1), g, image);
        }
      }
    }
  };
  runTasks(tasks, double(g.batch) * perSample * rowsTotal * g.outChannels, task);
}

template <typename T, int MR, int NV, long KC>
void convWeightGradTiles(const T* x, const T* y, const ConvGeometry& g, T* w) {
  constexpr int NR = NV * (VBYTES / sizeof(T));
  const long groupIn = g.inChannels / g.groups, groupOut = g.outChannels / g.groups;
  const long taps = g.kernelHeight * g.kernelWidth, depth = groupIn * taps;  // the weight's row length
  const long perSample = g.outHeight * g.outWidth, columns = g.batch * perSample;
  const long mPanels = (groupOut + MR - 1) / MR, nPanels = (depth + NR - 1) / NR;
  const long ldc = nPanels * NR, tileSize = mPanels * MR * ldc;
  const long chunks = std::max(1L, (columns + kChunkColumns - 1) / kChunkColumns);
  const PaddedImage size = paddedSize(g);
  const long plane = size.height * size.width;
  const T* image = paddedImage(x, g, size, VBYTES);
  std::vector<int> offsets(nPanels * NR, 0);  // where tap k reads, from a column's corner
  for (long k = 0; k < depth; ++k)
    offsets[k] = static_cast<int>((k / taps) * plane + ((k % taps) / g.kernelWidth) * g.dilationHeight * size.width +
                                  (k % g.kernelWidth) * g.dilationWidth);
  T* partial = convScratch<T>(g.groups * chunks * tileSize, kSums);
  alignas(64) int rowOffsets[MR];  // MR output channels of one position
  for (int r = 0; r < MR; ++r) rowOffsets[r] = static_cast<int>(r * perSample);
  auto task = [&](long index) {
    const long group = index / chunks, c0 = (index % chunks) * kChunkColumns;
    const long c1 = std::min(columns, c0 + kChunkColumns);
    T* sums = partial + index * tileSize;
    std::fill(sums, sums + tileSize, T(0));
    T* packedA = convScratch<T>(mPanels * MR * KC, kPanelA);
    T* packedB = convScratch<T>(nPanels * NR * KC, kPanelB);
    const T* planes = image + group * groupIn * plane;
    for (long p0 = c0; p0 < c1; p0 += KC) {
      const long kc = std::min(KC, c1 - p0);
      for (long ir = 0; ir < mPanels; ++ir) {  // A[o, col] = y[n, group·groupOut + o, p]
        T* panel = packedA + ir * MR * kc;
        const long rows = std::min<long>(MR, groupOut - ir * MR);
        long n = p0 / perSample, p = p0 % perSample;
        for (long kk = 0; kk < kc; ++kk) {
          const T* src = y + (n * g.outChannels + group * groupOut + ir * MR) * perSample + p;
          if (rows == MR) {
            gatherRow<MR>(panel + kk * MR, src, rowOffsets);
          } else {
            for (long r = 0; r < rows; ++r) panel[kk * MR + r] = src[r * perSample];
            for (long r = rows; r < MR; ++r) panel[kk * MR + r] = T(0);
          }
          if (++p == perSample) p = 0, ++n;
        }
      }
      for (long jn = 0; jn < nPanels; ++jn)
        packIm2colTransposed<T, NR>(planes, g, size, p0, kc, offsets.data() + jn * NR,
                                    std::min<long>(NR, depth - jn * NR), packedB + jn * NR * kc);
      for (long ir = 0; ir < mPanels; ++ir)
        for (long jn = 0; jn < nPanels; ++jn)
          tileKernel<T, MR, NV>(kc, packedA + ir * MR * kc, packedB + jn * NR * kc,
                                sums + ir * MR * ldc + jn * NR, ldc, nullptr, true);
    }
  };
  runTasks(g.groups * chunks, double(columns) * depth * g.outChannels, task);
  for (long group = 0; group < g.groups; ++group)
    for (long o = 0; o < groupOut; ++o) {
      T* dst = w + (group * groupOut + o) * depth;
      std::fill(dst, dst + depth, T(0));
      for (long chunk = 0; chunk < chunks; ++chunk) {
        const T* src = partial + (group * chunks + chunk) * tileSize + o * ldc;
        for (long k = 0; k < depth; ++k) dst[k] += src[k];
      }
    }
}
}  // namespace
