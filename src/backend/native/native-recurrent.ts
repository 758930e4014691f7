// The native backend's recurrent step kernels: the addon's vectorised kernels (native/src/recurrent-*)
// for float32/float64, with the numbers of each call in one reused Float64Array.
import type { Backend } from "../backend.js";
import { allocate, type FloatArray } from "../dtype.js";
import { preparedProducts } from "../js/prepared.js";
import type { RecurrentKernels, StepRows } from "../recurrent-kernels.js";
import type { NativeBinding } from "./binding.js";

/** Below this many multiply-adds per product the plain GEMM (or js) does as well. */
const MIN_PACKED_WORK = 1 << 14;

const NONE = new Float32Array(0);
const NO_LENGTHS = new Int32Array(0);

/**
 * The recurrent kernels over the addon (arrays in the order native/src/recurrent-binding.cc reads
 * them), and products with a right operand packed once into GEMM panels.
 */
export function nativeRecurrentKernels(
  binding: NativeBinding,
  matmul: Backend["matmul"],
): RecurrentKernels {
  const numbers = new Float64Array(16);
  const plain = preparedProducts(matmul);
  /** Writes rows, hidden, step and each array's offset (and the extras after them); returns the lengths array. */
  const prepare = (s: StepRows, offsets: readonly number[], ...extras: number[]): Int32Array => {
    numbers[0] = s.rows;
    numbers[1] = s.hidden;
    numbers[2] = s.step;
    offsets.forEach((offset, i) => (numbers[3 + i] = offset));
    numbers[3 + offsets.length] = 0;
    extras.forEach((value, i) => (numbers[4 + offsets.length + i] = value));
    return s.lengths ?? NO_LENGTHS;
  };
  const or = (array: FloatArray | null): FloatArray => array ?? NONE;
  return {
    prepareRight(b) {
      const [k = 0, n = 0] = b.shape;
      const isFloat = b.data instanceof Float32Array || b.data instanceof Float64Array;
      if (!isFloat || k * n < MIN_PACKED_WORK) return plain.prepareRight(b);
      const isFloat64 = b.data instanceof Float64Array;
      const dtype = isFloat64 ? "float64" : "float32";
      const packed = allocate(dtype, binding.packedRightSize(k, n, isFloat64) + 16) as FloatArray;
      numbers.set([k, n, b.strides[0]!, b.strides[1]!, b.offset]);
      binding.packRight(numbers, b.data, packed);
      return { k, n, view: b, packed };
    },
    matmulPrepared(a, b, out) {
      if (b.packed === null || a.data.constructor !== b.packed.constructor)
        return plain.matmulPrepared(a, b, out);
      numbers.set([a.shape[0]!, b.k, b.n, a.strides[0]!, a.strides[1]!, a.offset]);
      binding.matmulPacked(numbers, a.data, b.packed, out);
    },
    lstmStep(s) {
      const lengths = prepare(s, [s.xAt, 0, s.hAt, s.cAt, s.savedAt]);
      binding.lstmStep(numbers, s.x, s.product, s.h, s.c, or(s.saved), lengths);
    },
    lstmStepBackward(s) {
      const lengths = prepare(s, [s.savedAt, s.cAt, s.dhAt, 0, s.dcAt, s.dGatesAt]);
      binding.lstmStepBackward(
        numbers,
        s.saved,
        s.c,
        s.dh,
        or(s.recurrent),
        s.dc,
        s.dGates,
        lengths,
      );
    },
    gruStep(s) {
      const lengths = prepare(s, [s.xAt, 0, 0, s.hAt, s.savedAt]);
      binding.gruStep(numbers, s.x, s.product, or(s.bias), s.h, or(s.saved), lengths);
    },
    gruStepBackward(s) {
      const lengths = prepare(s, [s.savedAt, s.hAt, s.dhAt, 0, s.dxAt, s.dProductAt]);
      const { saved, h, dh, recurrent, dx, dProduct } = s;
      binding.gruStepBackward(numbers, saved, h, dh, or(recurrent), dx, dProduct, lengths);
    },
    rnnStep(s) {
      const lengths = prepare(s, [s.xAt, 0, s.hAt], s.nonlinearity === "relu" ? 1 : 0);
      binding.rnnStep(numbers, s.x, s.product, s.h, lengths);
    },
    rnnStepBackward(s) {
      const lengths = prepare(s, [s.hAt, s.dhAt, 0, s.dPreAt], s.nonlinearity === "relu" ? 1 : 0);
      binding.rnnStepBackward(numbers, s.h, s.dh, or(s.recurrent), s.dPre, lengths);
    },
  };
}
