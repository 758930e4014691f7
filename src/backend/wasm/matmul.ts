// The wasm matmul driver: stages A and B into wasm memory, packs B into panels, runs the register-tile
// kernel over the panels (on this thread, or split among worker threads by a `PanelRunner`), unpads C.
import type { MatmulArgs, TypedArray } from "../backend.js";
import type { WasmHeap, WasmKernels } from "./instance.js";
import { stageRowMajor, unpad } from "./pack.js";

// Depth of one block of the product: a 4×8 tile's panels (kc × 8 floats) stay in L1.
export const DEPTH_BLOCK = 256;
// Rows of one register tile (kernels.wat): 4 rows × 2 vectors = 8 accumulators (6 rows spill on x64).
export const TILE_ROWS = 4;
// Bytes of one packed B panel per depth step, and of one panel's columns in a row of C: 8 float32 or
// 4 float64 columns, 32 bytes either way.
export const PANEL_BYTES = 32;
// Row panels of A per call of the tile kernel (see runPanels).
export const ROW_BLOCK = 32;

/** One call of the tile kernel over all depth blocks: C[mPanels·4, nPanels·width] at byte offset c. */
export interface PanelJob {
  readonly single: boolean;
  readonly a: number;
  readonly lda: number;
  readonly b: number;
  readonly c: number;
  readonly mPanels: number;
  readonly nPanels: number;
  readonly k: number;
  readonly ldc: number;
}

/**
 * Computes a job's tiles: for each depth block in order, every tile loads its C (after the first
 * block), adds the block's products and stores. A tile's operations depend only on its own position,
 * so any split of the panels among threads gives the same bits.
 */
export function runPanels(kernels: WasmKernels, job: PanelJob): void {
  const run = job.single ? kernels.matmul_f32 : kernels.matmul_f64;
  const { a, lda, b, c, mPanels, nPanels, k, ldc } = job;
  const bytes = job.single ? 4 : 8;
  for (let p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
    const depth = Math.min(DEPTH_BLOCK, k - p0);
    // A block of ROW_BLOCK row panels (its depth slice: ≤ 128 KB) stays in L2 while every column
    // panel of B passes it; unblocked, the whole slice of A (1 MB at m = 1024) was streamed per panel.
    for (let i0 = 0; i0 < mPanels; i0 += ROW_BLOCK) {
      const rows = i0 * TILE_ROWS;
      run(
        a + rows * lda * bytes,
        lda,
        b,
        c + rows * ldc * bytes,
        Math.min(ROW_BLOCK, mPanels - i0),
        nPanels,
        k,
        p0,
        depth,
        ldc,
        p0 > 0 ? 1 : 0,
      );
    }
  }
}

/** Runs one product's panels; false when it could not (the caller then computes it another way). */
export type PanelRunner = (job: PanelJob) => boolean;

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** Bytes of wasm memory a [m, k]·[k, n] product of `bytes`-wide floats needs. */
export function matmulBytes(m: number, k: number, n: number, bytes: number): number {
  const width = PANEL_BYTES / bytes;
  const rowsA = Math.ceil(m / TILE_ROWS) * TILE_ROWS;
  const ldc = Math.ceil(n / width) * width;
  // NOTE: pack_b reads up to one panel past the last column of B, hence the slack.
  return (
    align(rowsA * k * bytes) +
    align(ldc * k * bytes) +
    align(rowsA * ldc * bytes) +
    align(k * n * bytes) +
    64
  );
}

/**
 * The batched product `args` (float operands of `out`'s type) through `heap`; false if `runner` fails
 * for some batch entry, in which case `out` may hold part of the result.
 */
export function matmulOnHeap(heap: WasmHeap, args: MatmulArgs, runner: PanelRunner): boolean {
  const { a, b } = args;
  const out = args.out as Float32Array | Float64Array;
  const [batch = 1, m = 0, k = 0] = a.shape;
  const n = b.shape[2] ?? 0;
  const single = out instanceof Float32Array;
  const bytes = single ? 4 : 8;
  const width = PANEL_BYTES / bytes;
  const mPanels = Math.ceil(m / TILE_ROWS);
  const nPanels = Math.ceil(n / width);
  const ldc = nPanels * width;
  // Layout: A row-major [mPanels·4][k] | B packed | C [mPanels·4][ldc] | B row-major (staging).
  const rowsA = 0;
  const packedB = align(mPanels * TILE_ROWS * k * bytes);
  const product = packedB + align(nPanels * width * k * bytes);
  const stagedB = product + align(mPanels * TILE_ROWS * ldc * bytes);
  heap.reserve(matmulBytes(m, k, n, bytes));
  const pack = single ? heap.kernels.pack_b_f32 : heap.kernels.pack_b_f64;
  const sharedB = b.strides[0] === 0;
  const job = { single, a: rowsA, lda: k, b: packedB, c: product, mPanels, nPanels, k, ldc };
  for (let index = 0; index < batch; index++) {
    const view = heap.viewFor(out);
    stageRowMajor(a, a.offset + index * a.strides[0]!, m, k, mPanels * TILE_ROWS, view, 0);
    if (index === 0 || !sharedB) {
      stageRowMajor(b, b.offset + index * b.strides[0]!, k, n, k, view, stagedB / bytes);
      pack(stagedB, n, k, n, packedB);
    }
    if (!runner(job)) return false;
    unpad(heap.viewFor(out), product / bytes, ldc, m, n, out as TypedArray, index * m * n);
  }
  if (k === 0) out.fill(0);
  return true;
}
