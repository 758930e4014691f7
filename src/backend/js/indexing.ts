// Reference index kernels: take (index select), gather, and their scatter-add transposes.
import type { TypedArray } from "../backend.js";

export function take(
  x: TypedArray,
  index: Int32Array,
  outer: number,
  axisSize: number,
  inner: number,
  out: TypedArray,
): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const from = (o * axisSize + index[j]!) * inner;
      const to = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[to + i] = x[from + i]!;
    }
  }
}

export function takeAdd(
  src: TypedArray,
  index: Int32Array,
  outer: number,
  axisSize: number,
  inner: number,
  out: TypedArray,
): void {
  const count = index.length;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      const to = (o * axisSize + index[j]!) * inner;
      const from = (o * count + j) * inner;
      for (let i = 0; i < inner; i++) out[to + i] = out[to + i]! + src[from + i]!;
    }
  }
}

export function gather(
  x: TypedArray,
  index: Int32Array,
  outer: number,
  axisSize: number,
  inner: number,
  out: TypedArray,
): void {
  const count = index.length / (outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < inner; i++) {
        const position = (o * count + j) * inner + i;
        out[position] = x[(o * axisSize + index[position]!) * inner + i]!;
      }
    }
  }
}

export function scatterAdd(
  src: TypedArray,
  index: Int32Array,
  outer: number,
  axisSize: number,
  inner: number,
  out: TypedArray,
): void {
  const count = index.length / (outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < inner; i++) {
        const position = (o * count + j) * inner + i;
        const target = (o * axisSize + index[position]!) * inner + i;
        out[target] = out[target]! + src[position]!;
      }
    }
  }
}
