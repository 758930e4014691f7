// fast-check generators of float64 tensors (shape and values together), broadcast pairs and strided views.
import fc from "fast-check";
import { Tensor } from "../../src/tensor/tensor.js";

/** How a generated tensor lies in storage: row-major, with reversed axes, or every second row. */
export type Layout = "contiguous" | "transposed" | "sliced";

export interface ValueOptions {
  readonly min?: number;
  readonly max?: number;
  /** Magnitudes in [min, max] with a random sign: keeps values away from a kink at 0. */
  readonly signed?: boolean;
  /** Re-space the values to be pairwise at least (max − min)/n apart (no ties for max, min, argmax). */
  readonly distinct?: boolean;
}

export interface TensorOptions extends ValueOptions {
  readonly minRank?: number;
  readonly maxRank?: number;
  readonly maxDim?: number;
  readonly minDim?: number;
  readonly layouts?: readonly Layout[];
}

const GRID = 2 ** 30;

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Shapes of rank minRank … maxRank with extents 1 … maxDim. */
export function shapeArb(minRank = 0, maxRank = 3, maxDim = 4, minDim = 1): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: minDim, max: maxDim }), {
    minLength: minRank,
    maxLength: maxRank,
  });
}

/** Spreads values evenly over [min, max] keeping their order, so no two are close. */
function respace(values: number[], min: number, max: number): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);
  const result = new Array<number>(values.length);
  order.forEach((position, rank) => {
    result[position] = min + ((max - min) * (rank + 0.5)) / values.length;
  });
  return result;
}

/** `count` doubles in the requested domain. */
export function valuesArb(count: number, options: ValueOptions = {}): fc.Arbitrary<number[]> {
  const { min = -3, max = 3, signed = false, distinct = false } = options;
  // Uniform on a fine grid: fc.double favours denormals and edge values, which hide errors near 0.
  const value = fc.integer({ min: 0, max: GRID }).map((k) => min + ((max - min) * k) / GRID);
  const element = signed
    ? fc
        .tuple(value, fc.boolean())
        .map(([magnitude, negative]) => (negative ? -magnitude : magnitude))
    : value;
  const values = fc.array(element, { minLength: count, maxLength: count });
  if (!distinct) return values;
  return values.map((list) => {
    const spread = respace(list, min, max);
    return signed ? spread.map((v, i) => (list[i]! < 0 ? -v : v)) : spread;
  });
}

/**
 * A float64 tensor of `shape` holding `values` (row-major in storage) laid out as `layout`. Storage
 * outside a sliced view holds NaN, so a kernel that reads past the view shows up in the results.
 */
export function buildTensor(
  shape: readonly number[],
  values: readonly number[],
  layout: Layout,
): Tensor {
  const rank = shape.length;
  if (layout === "transposed" && rank >= 2) {
    const reversed = [...shape].reverse();
    const base = new Tensor(Float64Array.from(values), reversed);
    return new Tensor(base.data, shape, [...base.strides].reverse(), 0);
  }
  if (layout === "sliced" && rank >= 1) {
    const wide = [shape[0]! * 2, ...shape.slice(1)];
    const data = new Float64Array(sizeOf(wide)).fill(Number.NaN);
    const inner = sizeOf(shape.slice(1));
    values.forEach((v, i) => (data[(Math.floor(i / inner) * 2 + 1) * inner + (i % inner)] = v));
    const strides = new Tensor(data, wide).strides;
    return new Tensor(data, shape, [strides[0]! * 2, ...strides.slice(1)], inner);
  }
  return new Tensor(Float64Array.from(values), shape);
}

/** A tensor of the given shape with values and a layout drawn at random. */
export function tensorOfShape(
  shape: readonly number[],
  options: TensorOptions = {},
): fc.Arbitrary<Tensor> {
  const layouts = options.layouts ?? ["contiguous", "transposed", "sliced"];
  return fc
    .tuple(valuesArb(sizeOf(shape), options), fc.constantFrom(...layouts))
    .map(([values, layout]) => buildTensor(shape, values, layout));
}

/** A float64 tensor of rank minRank … maxRank (default 0 … 3), dims 1 … maxDim, in a random layout. */
export function tensorArb(options: TensorOptions = {}): fc.Arbitrary<Tensor> {
  const { minRank = 0, maxRank = 3, maxDim = 4, minDim = 1 } = options;
  return shapeArb(minRank, maxRank, maxDim, minDim).chain((shape) => tensorOfShape(shape, options));
}

/** Two shapes that broadcast to a common shape (leading axes dropped, some extents set to 1). */
export function broadcastShapesArb(maxRank = 3): fc.Arbitrary<[number[], number[]]> {
  return shapeArb(0, maxRank).chain((shape) => {
    const variant = fc
      .tuple(
        fc.integer({ min: 0, max: shape.length }),
        fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      )
      .map(([drop, ones]) => shape.slice(drop).map((extent, i) => (ones[i + drop]! ? 1 : extent)));
    return fc.tuple(variant, variant);
  });
}

/** Two broadcast-compatible tensors; with `distinct`, their values are distinct jointly. */
export function broadcastPairArb(
  left: TensorOptions = {},
  right: TensorOptions = left,
): fc.Arbitrary<[Tensor, Tensor]> {
  return broadcastShapesArb().chain(([shapeA, shapeB]) => {
    if (left.distinct === true) {
      const count = sizeOf(shapeA) + sizeOf(shapeB);
      return fc
        .tuple(
          valuesArb(count, left),
          fc.constantFrom<Layout>("contiguous", "transposed", "sliced"),
        )
        .map(([values, layout]): [Tensor, Tensor] => [
          buildTensor(shapeA, values.slice(0, sizeOf(shapeA)), layout),
          buildTensor(shapeB, values.slice(sizeOf(shapeA)), "contiguous"),
        ]);
    }
    return fc.tuple(tensorOfShape(shapeA, left), tensorOfShape(shapeB, right));
  });
}

/** A non-empty list of axes of a tensor of `rank` (possibly negative), or undefined for all axes. */
export function axesArb(rank: number): fc.Arbitrary<number | number[] | undefined> {
  if (rank === 0) return fc.constant(undefined);
  const axis = fc.integer({ min: -rank, max: rank - 1 });
  const list = fc
    .uniqueArray(fc.integer({ min: 0, max: rank - 1 }), { minLength: 1, maxLength: rank })
    .map((axes) => axes.map((a, i) => (i % 2 === 1 ? a - rank : a)));
  return fc.oneof(axis, list, fc.constant(undefined));
}

/** An int32 tensor of `shape` with entries in [0, bound). */
export function indexTensorArb(shape: readonly number[], bound: number): fc.Arbitrary<Tensor> {
  return fc
    .array(fc.integer({ min: 0, max: bound - 1 }), {
      minLength: sizeOf(shape),
      maxLength: sizeOf(shape),
    })
    .map((values) => new Tensor(Int32Array.from(values), shape));
}
