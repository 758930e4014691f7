// The wasm backend: SIMD128 matmul (float32 4×8 and float64 4×4 register tiles on packed panels),
// contiguous add/sub/mul/div and full sums; everything else runs on the js reference. Large matmuls
// run on worker threads when asked for (threading.ts).
import type {
  Backend,
  BinaryKernel,
  FloatArray,
  MatmulArgs,
  ReduceKernel,
  StridedArray,
  TypedArray,
} from "../backend.js";
import { jsBackend } from "../js/index.js";
import { createIm2colConv } from "./conv.js";
import { withEpilogue } from "../js/matmul.js";
import { preparedProducts } from "../js/prepared.js";
import { isContiguous } from "../js/strided.js";
import { WasmHeap, type WasmKernels } from "./instance.js";
import { matmulOnHeap, runPanels, type PanelRunner } from "./matmul.js";
import { threadedMatmul } from "./threading.js";

// Below these sizes copying into wasm memory costs more than the js loops save.
const MIN_MATMUL_WORK = 4096;
const MIN_ELEMENTWISE = 4096;
const SIMD_BINARY = new Set<BinaryKernel>(["add", "sub", "mul", "div"]);

function floatPair(out: TypedArray, ...inputs: TypedArray[]): out is FloatArray {
  const isFloat = out instanceof Float32Array || out instanceof Float64Array;
  return isFloat && inputs.every((input) => input.constructor === out.constructor);
}

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** Builds the wasm backend over an instantiated kernels module. */
export function createWasmBackend(kernels: WasmKernels): Backend {
  const heap = new WasmHeap(kernels);

  const onThisThread: PanelRunner = (job) => {
    runPanels(kernels, job);
    return true;
  };

  // the bias and relu (if any) are applied after the SIMD product, in the js reference's loops
  const matmul = withEpilogue(product);

  function product(args: MatmulArgs): void {
    const { a, b, out } = args;
    const [batch = 1, m = 0, k = 0] = a.shape;
    const n = b.shape[2] ?? 0;
    if (batch * m * n * k < MIN_MATMUL_WORK || !floatPair(out, a.data, b.data))
      return jsBackend.matmul(args);
    if (threadedMatmul(args)) return;
    matmulOnHeap(heap, args, onThisThread);
  }

  function binary(op: BinaryKernel, a: StridedArray, b: StridedArray, out: TypedArray): void {
    const simd =
      out.length >= MIN_ELEMENTWISE &&
      SIMD_BINARY.has(op) &&
      floatPair(out, a.data, b.data) &&
      isContiguous(a) &&
      isContiguous(b);
    if (!simd) return jsBackend.binary(op, a, b, out);
    const single = out instanceof Float32Array;
    const bytes = out.length * (single ? 4 : 8);
    heap.reserve(3 * align(bytes));
    const view = heap.viewFor(out as FloatArray);
    const step = align(bytes) / (single ? 4 : 8);
    view.set(a.data.subarray(a.offset, a.offset + out.length) as FloatArray, 0);
    view.set(b.data.subarray(b.offset, b.offset + out.length) as FloatArray, step);
    const kernel = `${op as "add"}_${single ? "f32" : "f64"}` as const;
    kernels[kernel](0, align(bytes), 2 * align(bytes), out.length);
    out.set(heap.viewFor(out as FloatArray).subarray(2 * step, 2 * step + out.length));
  }

  function reduce(
    op: ReduceKernel,
    x: StridedArray,
    axes: readonly number[],
    out: TypedArray,
  ): void {
    const whole = op === "sum" && out.length === 1 && axes.length === x.shape.length;
    const size = whole ? x.shape.reduce((total, extent) => total * extent, 1) : 0;
    if (size < MIN_ELEMENTWISE || !floatPair(out, x.data) || !isContiguous(x))
      return jsBackend.reduce(op, x, axes, out);
    const single = out instanceof Float32Array;
    heap.reserve(size * (single ? 4 : 8));
    heap.viewFor(out).set(x.data.subarray(x.offset, x.offset + size) as FloatArray, 0);
    out[0] = single ? kernels.sum_f32(0, size) : kernels.sum_f64(0, size);
  }

  return {
    ...jsBackend,
    name: "wasm",
    matmul,
    binary,
    reduce,
    ...createIm2colConv(matmul),
    ...preparedProducts(matmul),
  };
}
