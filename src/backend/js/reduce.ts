// Reference reductions along any set of axes of a strided view.
import type { ReduceKernel, StridedArray, TypedArray } from "../backend.js";
import { elementOffsets } from "./strided.js";

const INITIAL: Record<ReduceKernel, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

export function reduce(
  op: ReduceKernel,
  x: StridedArray,
  axes: readonly number[],
  out: TypedArray,
): void {
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  const reducedShape: number[] = [];
  const reducedStrides: number[] = [];
  x.shape.forEach((extent, axis) => {
    const reduced = axes.includes(axis);
    (reduced ? reducedShape : keptShape).push(extent);
    (reduced ? reducedStrides : keptStrides).push(x.strides[axis]!);
  });
  const bases = elementOffsets(keptShape, keptStrides, x.offset);
  const inner = elementOffsets(reducedShape, reducedStrides, 0);
  const data = x.data;
  for (let o = 0; o < bases.length; o++) {
    const base = bases[o]!;
    let accumulator = INITIAL[op];
    if (op === "sum") {
      for (let i = 0; i < inner.length; i++) accumulator += data[base + inner[i]!]!;
    } else if (op === "prod") {
      for (let i = 0; i < inner.length; i++) accumulator *= data[base + inner[i]!]!;
    } else if (op === "max") {
      for (let i = 0; i < inner.length; i++) {
        const value = data[base + inner[i]!]!;
        if (value > accumulator || Number.isNaN(value)) accumulator = value;
        if (Number.isNaN(accumulator)) break;
      }
    } else {
      for (let i = 0; i < inner.length; i++) {
        const value = data[base + inner[i]!]!;
        if (value < accumulator || Number.isNaN(value)) accumulator = value;
        if (Number.isNaN(accumulator)) break;
      }
    }
    out[o] = accumulator;
  }
}
