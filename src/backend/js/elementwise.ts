// Reference elementwise kernels: unary maps, broadcast binary maps, where, strided copy.
import type { BinaryKernel, StridedArray, TypedArray, UnaryKernel } from "../backend.js";
import { offsetsUnlessContiguous } from "./strided.js";

type Unary = (x: number) => number;
type Binary = (a: number, b: number) => number;

const UNARY: Record<UnaryKernel, Unary> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  // NOTE: split by sign so exp never overflows for large |x|.
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  // NOTE: NaN passes through (a NaN input must not come out as 0 and hide where it came from).
  relu: (x) => (x > 0 || Number.isNaN(x) ? x : 0),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  step: (x) => (x > 0 ? 1 : 0),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  floor: Math.floor,
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
};

const BINARY: Record<BinaryKernel, Binary> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  maximum: (a, b) => (a >= b || Number.isNaN(a) ? a : b),
  minimum: (a, b) => (a <= b || Number.isNaN(a) ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

export function unary(op: UnaryKernel, x: StridedArray, out: TypedArray): void {
  const f = UNARY[op];
  const data = x.data;
  const offsets = offsetsUnlessContiguous(x);
  if (offsets === null) {
    for (let i = 0, o = x.offset; i < out.length; i++, o++) out[i] = f(data[o]!);
  } else {
    for (let i = 0; i < out.length; i++) out[i] = f(data[offsets[i]!]!);
  }
}

export function binary(op: BinaryKernel, a: StridedArray, b: StridedArray, out: TypedArray): void {
  const f = BINARY[op];
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
