// The wasm kernels' instance and its linear memory, which only this folder sees: it grows on demand and
// is reused by every call (nothing to dispose). Compiled synchronously where the host allows it.
import {
  KERNELS_RELAXED_SHARED_WASM_BASE64,
  KERNELS_RELAXED_WASM_BASE64,
  KERNELS_SHARED_WASM_BASE64,
  KERNELS_WASM_BASE64,
} from "./kernels-binary.js";

// NOTE: Node's type definitions lack the WebAssembly globals (they come with the DOM lib), so the
// small part used here is declared locally.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmInstance {
  readonly exports: unknown;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  instantiate(bytes: Uint8Array): Promise<{ instance: WasmInstance }>;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The kernels module's exports (see kernels.wat). Pointers are byte offsets into `memory`. */
export interface WasmKernels {
  readonly memory: WasmMemory;
  matmul_f32(...args: number[]): void;
  matmul_f64(...args: number[]): void;
  pack_b_f32(source: number, rowStride: number, rows: number, cols: number, target: number): void;
  pack_b_f64(source: number, rowStride: number, rows: number, cols: number, target: number): void;
  add_f32(a: number, b: number, out: number, n: number): void;
  sub_f32(a: number, b: number, out: number, n: number): void;
  mul_f32(a: number, b: number, out: number, n: number): void;
  div_f32(a: number, b: number, out: number, n: number): void;
  add_f64(a: number, b: number, out: number, n: number): void;
  sub_f64(a: number, b: number, out: number, n: number): void;
  mul_f64(a: number, b: number, out: number, n: number): void;
  div_f64(a: number, b: number, out: number, n: number): void;
  sum_f32(a: number, n: number): number;
  sum_f64(a: number, n: number): number;
}

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let chosen: { bytes: Uint8Array; relaxed: boolean } | null = null;

/** The fused (relaxed SIMD) module where the engine validates it, else the plain SIMD128 one. */
function kernelBytes(): Uint8Array {
  if (chosen === null) {
    const fused = decode(KERNELS_RELAXED_WASM_BASE64);
    const relaxed = wasm !== undefined && wasm.validate(fused);
    chosen = { bytes: relaxed ? fused : decode(KERNELS_WASM_BASE64), relaxed };
  }
  return chosen.bytes;
}

/** Whether the kernels use relaxed SIMD's fused multiply-add (e.g. Chrome ≥ 114; Node 20 only behind a flag). */
export function wasmUsesRelaxedSimd(): boolean {
  kernelBytes();
  return chosen !== null && chosen.relaxed;
}

/** True when this engine runs SIMD128 (every current browser and Node ≥ 16). */
export function wasmSimdSupported(): boolean {
  return wasm !== undefined && wasm.validate(kernelBytes());
}

/** Instantiates the kernels synchronously (throws where the host forbids it, e.g. large modules on a browser's main thread). */
export function instantiateSync(): WasmKernels {
  const module = new wasm!.Module(kernelBytes());
  return new wasm!.Instance(module).exports as WasmKernels;
}

/** Instantiates the kernels asynchronously. */
export async function instantiateAsync(): Promise<WasmKernels> {
  const { instance } = await wasm!.instantiate(kernelBytes());
  return instance.exports as WasmKernels;
}

/**
 * The kernels compiled to import a shared memory (same flavour, plain or fused, as `instantiateSync`,
 * so threaded and single-threaded products agree bit for bit), a new shared memory of at most
 * `maxPages` 64 KiB pages, and an instance on it. Throws where shared memory or threads are missing.
 */
export function instantiateShared(maxPages: number): {
  module: object;
  memory: WasmMemory;
  kernels: WasmKernels;
} {
  kernelBytes();
  const base64 = chosen!.relaxed ? KERNELS_RELAXED_SHARED_WASM_BASE64 : KERNELS_SHARED_WASM_BASE64;
  const module = new wasm!.Module(decode(base64));
  const memory = new wasm!.Memory({ initial: 1, maximum: maxPages, shared: true });
  const instance = new wasm!.Instance(module, { env: { memory } });
  const kernels = { ...(instance.exports as object), memory } as WasmKernels;
  return { module, memory, kernels };
}

/** Grow-only scratch space in the instance's memory, with typed views renewed after each growth. */
export class WasmHeap {
  private buffer: ArrayBuffer;
  f32: Float32Array;
  f64: Float64Array;

  constructor(readonly kernels: WasmKernels) {
    this.buffer = kernels.memory.buffer;
    this.f32 = new Float32Array(this.buffer);
    this.f64 = new Float64Array(this.buffer);
  }

  /** Makes the memory at least `bytes` long. */
  reserve(bytes: number): void {
    const memory = this.kernels.memory;
    if (memory.buffer.byteLength < bytes) {
      memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    }
    if (memory.buffer !== this.buffer) {
      this.buffer = memory.buffer;
      this.f32 = new Float32Array(this.buffer);
      this.f64 = new Float64Array(this.buffer);
    }
  }

  /** The float view matching `data`'s element type. */
  viewFor(data: Float32Array | Float64Array): Float32Array | Float64Array {
    return data instanceof Float32Array ? this.f32 : this.f64;
  }
}
