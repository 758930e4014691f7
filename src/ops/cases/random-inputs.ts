// Random float64 inputs for the gradient cases: shapes (with broadcasting), values away from kinks.
import { tensor } from "../../tensor/creation.js";
import type { Generator } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";

export type { CaseBuilder, OpCase } from "../op-row.js";

/** Where values are drawn: [low, high], or ±[low, high] when signed (keeps |x| ≥ low). */
export interface Domain {
  readonly low?: number;
  readonly high?: number;
  readonly signed?: boolean;
}

/** An integer in [low, high]. */
export const between = (g: Generator, low: number, high: number): number =>
  low + g.integer(high - low + 1);

/** One of the items. */
export const pick = <T>(g: Generator, items: readonly T[]): T => items[g.integer(items.length)]!;

/** A random shape: rank in [minRank, maxRank], extents 1..maxExtent. */
export function shapeOf(g: Generator, minRank = 0, maxRank = 3, maxExtent = 3): number[] {
  return Array.from({ length: between(g, minRank, maxRank) }, () => between(g, 1, maxExtent));
}

/** A shape that broadcasts to `shape`: some leading axes dropped, some extents set to 1. */
export function broadcastableTo(g: Generator, shape: readonly number[]): number[] {
  const dropped = g.integer(shape.length + 1);
  return shape.slice(dropped).map((extent) => (g.uniform() < 0.3 ? 1 : extent));
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A float64 tensor of `shape` from flat values; rank ≥ 2 is sometimes a transposed (strided) view. */
export function fromValues(g: Generator, shape: readonly number[], flat: number[]): Tensor {
  if (shape.length >= 2 && g.uniform() < 0.3) {
    const reversed = [...shape].reverse();
    const axes = reversed.map((_, axis) => reversed.length - 1 - axis);
    return tensor(flat, { dtype: "float64" }).reshape(reversed).permute(axes);
  }
  return tensor(flat, { dtype: "float64" }).reshape([...shape]);
}

/** Random values of `shape` in the domain (default [−2, 2]). */
export function values(g: Generator, shape: readonly number[], domain: Domain = {}): Tensor {
  const { low = -2, high = 2, signed = false } = domain;
  const flat = Array.from({ length: sizeOf(shape) }, () => {
    const magnitude = low + (high - low) * g.uniform();
    return signed && g.uniform() < 0.5 ? -magnitude : magnitude;
  });
  return fromValues(g, shape, flat);
}

/**
 * Values on the grid 0.2·k + offset (k in −10..10): two tensors with offsets 0 and 0.1 are never
 * within 0.1 of each other, so maximum/minimum/clamp have no ties within the difference step.
 */
export function gridValues(g: Generator, shape: readonly number[], offset: number): Tensor {
  const flat = Array.from({ length: sizeOf(shape) }, () => (g.integer(21) - 10) * 0.2 + offset);
  return fromValues(g, shape, flat);
}

/** Spread-out values in shuffled order (no ties), so max, min and their gradients are well defined. */
export function distinct(g: Generator, shape: readonly number[]): Tensor {
  const count = sizeOf(shape);
  const spread = Array.from({ length: count }, (_, i) => i * 0.37 - count * 0.18);
  for (let i = count - 1; i > 0; i--) {
    const j = g.integer(i + 1);
    [spread[i], spread[j]] = [spread[j]!, spread[i]!];
  }
  return fromValues(g, shape, spread);
}

/** An int32 tensor of `shape` with entries in [0, bound). */
export function indices(g: Generator, shape: readonly number[], bound: number): Tensor {
  const flat = Array.from({ length: sizeOf(shape) }, () => g.integer(bound));
  return tensor(flat, { dtype: "int32" }).reshape([...shape]);
}

/** A random axis of a tensor of rank `rank` ≥ 1, sometimes written negatively. */
export const axisOf = (g: Generator, rank: number): number => {
  const axis = g.integer(rank);
  return g.uniform() < 0.3 ? axis - rank : axis;
};
