// Reference elementwise kernels: unary maps, broadcast binary maps, where, strided copy.
import type { BinaryKernel, StridedArray, TypedArray, UnaryKernel } from "../backend.js";
import { BINARY_KERNELS, UNARY_KERNELS } from "../elementwise-kernels.js";
import { offsetsUnlessContiguous } from "./strided.js";

export function unary(op: UnaryKernel, x: StridedArray, out: TypedArray, alpha = 0): void {
  const f = UNARY_KERNELS[op];
  const data = x.data;
  const offsets = offsetsUnlessContiguous(x);
  if (offsets === null) {
    for (let i = 0, o = x.offset; i < out.length; i++, o++) out[i] = f(data[o]!, alpha);
  } else {
    for (let i = 0; i < out.length; i++) out[i] = f(data[offsets[i]!]!, alpha);
  }
}

export function binary(op: BinaryKernel, a: StridedArray, b: StridedArray, out: TypedArray): void {
  const f = BINARY_KERNELS[op];
  const offsetsA = offsetsUnlessContiguous(a);
  const offsetsB = offsetsUnlessContiguous(b);
  const dataA = a.data;
  const dataB = b.data;
  if (offsetsA === null && offsetsB === null) {
    const baseA = a.offset;
    const baseB = b.offset;
    if (op === "add")
      for (let i = 0; i < out.length; i++) out[i] = dataA[baseA + i]! + dataB[baseB + i]!;
    else if (op === "mul")
      for (let i = 0; i < out.length; i++) out[i] = dataA[baseA + i]! * dataB[baseB + i]!;
    else for (let i = 0; i < out.length; i++) out[i] = f(dataA[baseA + i]!, dataB[baseB + i]!);
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const valueA = offsetsA === null ? dataA[a.offset + i]! : dataA[offsetsA[i]!]!;
    const valueB = offsetsB === null ? dataB[b.offset + i]! : dataB[offsetsB[i]!]!;
    out[i] = f(valueA, valueB);
  }
}

export function where(cond: StridedArray, a: StridedArray, b: StridedArray, out: TypedArray): void {
  const offsetsC = offsetsUnlessContiguous(cond);
  const offsetsA = offsetsUnlessContiguous(a);
  const offsetsB = offsetsUnlessContiguous(b);
  for (let i = 0; i < out.length; i++) {
    const chosen = cond.data[offsetsC === null ? cond.offset + i : offsetsC[i]!]! !== 0;
    out[i] = chosen
      ? a.data[offsetsA === null ? a.offset + i : offsetsA[i]!]!
      : b.data[offsetsB === null ? b.offset + i : offsetsB[i]!]!;
  }
}

export function copy(x: StridedArray, out: TypedArray): void {
  const offsets = offsetsUnlessContiguous(x);
  if (offsets === null) {
    if (x.data.constructor === out.constructor)
      out.set(x.data.subarray(x.offset, x.offset + out.length));
    else for (let i = 0; i < out.length; i++) out[i] = x.data[x.offset + i]!;
    return;
  }
  for (let i = 0; i < out.length; i++) out[i] = x.data[offsets[i]!]!;
}
