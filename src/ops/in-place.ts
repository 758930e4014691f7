// In-place updates for optimizers: θ ← θ − α·g on the active backend, outside the graph.
import type { StridedArray } from "../backend/backend.js";
import { activeBackend } from "../backend/registry.js";
import type { Tensor } from "../tensor/tensor.js";

/** Below this many elements a plain JS loop beats two native kernel calls. */
const MIN_KERNEL_SIZE = 4096;

let scratch32 = new Float32Array(0);
let scratch64 = new Float64Array(0);

/** A private buffer of n elements of target's dtype (reused across calls; never handed out). */
function scratchFor(data: Float32Array | Float64Array, n: number): Float32Array | Float64Array {
  if (data instanceof Float32Array) {
    if (scratch32.length < n) scratch32 = new Float32Array(n);
    return scratch32.subarray(0, n);
  }
  if (scratch64.length < n) scratch64 = new Float64Array(n);
  return scratch64.subarray(0, n);
}

/**
 * target ← target − scale·source elementwise, writing target's storage in place (no graph is
 * recorded). `target` must be contiguous; `source` has target's shape and dtype (any strides). Large
 * float tensors on the native backend run as two kernels (scale into a private scratch buffer, then subtract into
 * the target: each element is read before it is written at the same index, so the aliasing is safe).
 * @example subtractScaledInPlace(weight, weight.grad!, learningRate);
 */
export function subtractScaledInPlace(target: Tensor, source: Tensor, scale: number): void {
  const data = target.data;
  const n = target.size;
  const base = target.offset;
  const backend = activeBackend();
  // NOTE: only native gains: the wasm and js binary kernels take a stride-0 operand on their generic
  // strided loop, slower than the plain loop below (measured 2–3 ms against 0.5–0.9 ms for 200k).
  if (
    n < MIN_KERNEL_SIZE ||
    backend.name !== "native" ||
    source.dtype !== target.dtype ||
    !(data instanceof Float32Array || data instanceof Float64Array)
  ) {
    const values = source.contiguous();
    const from = values.data;
    const start = values.offset;
    for (let i = 0; i < n; i++) data[base + i] = data[base + i]! - scale * from[start + i]!;
    return;
  }
  const scaled = scratchFor(data, n);
  const factor: StridedArray = {
    data: data instanceof Float32Array ? Float32Array.of(scale) : Float64Array.of(scale),
    shape: source.shape,
    strides: source.shape.map(() => 0),
    offset: 0,
  };
  backend.binary("mul", source, factor, scaled);
  const flat = [n];
  const scaledView: StridedArray = { data: scaled, shape: flat, strides: [1], offset: 0 };
  const targetView: StridedArray = { data, shape: flat, strides: [1], offset: base };
  backend.binary("sub", targetView, scaledView, data.subarray(base, base + n));
}
