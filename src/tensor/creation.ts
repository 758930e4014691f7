// Creating tensors: from nested arrays, numbers and typed arrays; constants, ranges and random fills.
import { allocate, dtypeOf, type DType, type TypedArray } from "../backend/dtype.js";
import { DTypeError, ShapeError } from "./errors.js";
import { defaultGenerator, type Generator } from "./random.js";
import { sizeOfShape } from "./shape.js";
import { Tensor } from "./tensor.js";

export interface TensorOptions {
  readonly dtype?: DType;
  readonly requiresGrad?: boolean;
}
export interface RandomOptions extends TensorOptions {
  readonly generator?: Generator;
}

type NestedInput = number | boolean | TypedArray | readonly NestedInput[];

function make(data: TypedArray, shape: readonly number[], options: TensorOptions): Tensor {
  const result = new Tensor(data, shape);
  if (options.requiresGrad === true) {
    if (result.dtype === "int32")
      throw new DTypeError("tensor: int32 tensors cannot require gradients");
    result.requiresGrad = true;
  }
  return result;
}

function inferShape(data: NestedInput): number[] {
  const shape: number[] = [];
  let level: NestedInput = data;
  while (typeof level !== "number" && typeof level !== "boolean") {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0]!;
  }
  return shape;
}

function flatten(data: NestedInput, shape: readonly number[], out: TypedArray): void {
  let position = 0;
  const visit = (level: NestedInput, axis: number): void => {
    if (typeof level === "number" || typeof level === "boolean") {
      if (axis !== shape.length)
        throw new ShapeError(
          `tensor: ragged nested array (a number at depth ${axis}, expected depth ${shape.length})`,
        );
      out[position++] = Number(level);
      return;
    }
    if (axis >= shape.length || level.length !== shape[axis]) {
      throw new ShapeError(
        `tensor: ragged nested array (length ${level.length} at depth ${axis}, expected ${shape[axis] ?? "a number"})`,
      );
    }
    for (let i = 0; i < level.length; i++) visit(level[i]!, axis + 1);
  };
  visit(data, 0);
}

/**
 * A tensor from nested arrays, a number or a typed array (float32 unless told; typed arrays keep their dtype).
 * @example const x = tensor([[1, 2], [3, 4]], { dtype: "float64", requiresGrad: true });
 */
export function tensor(data: NestedInput, options: TensorOptions = {}): Tensor {
  if (ArrayBuffer.isView(data)) {
    const typed = data as TypedArray;
    const dtype = options.dtype ?? dtypeOf(typed);
    const storage = allocate(dtype, typed.length);
    storage.set(typed);
    return make(storage, [typed.length], options);
  }
  const shape = inferShape(data);
  const storage = allocate(options.dtype ?? "float32", sizeOfShape(shape));
  flatten(data, shape, storage);
  return make(storage, shape, options);
}

/** A tensor of `shape` with every element `value`. */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  checkShape("full", shape);
  const storage = allocate(options.dtype ?? "float32", sizeOfShape(shape));
  storage.fill(value);
  return make(storage, shape, options);
}

export const zeros = (shape: readonly number[], options: TensorOptions = {}): Tensor =>
  full(shape, 0, options);
export const ones = (shape: readonly number[], options: TensorOptions = {}): Tensor =>
  full(shape, 1, options);
export const zerosLike = (like: Tensor, options: TensorOptions = {}): Tensor =>
  full(like.shape, 0, { dtype: like.dtype, ...options });
export const onesLike = (like: Tensor, options: TensorOptions = {}): Tensor =>
  full(like.shape, 1, { dtype: like.dtype, ...options });

/** Values start, start + step, … below end (like numpy.arange); arange(n) counts 0 … n − 1. */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step))
    throw new RangeError(`arange: step must be a non-zero finite number, got ${step}`);
  const count = Math.max(0, Math.ceil((to - from) / step));
  const storage = allocate(options.dtype ?? "float32", count);
  for (let i = 0; i < count; i++) storage[i] = from + i * step;
  return make(storage, [count], options);
}

/** `count` evenly spaced values from start to end inclusive. */
export function linspace(
  start: number,
  end: number,
  count: number,
  options: TensorOptions = {},
): Tensor {
  checkShape("linspace", [count]);
  const storage = allocate(options.dtype ?? "float32", count);
  for (let i = 0; i < count; i++)
    storage[i] = count === 1 ? start : start + ((end - start) * i) / (count - 1);
  return make(storage, [count], options);
}

/** The n×m identity-like matrix (ones on the diagonal). */
export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
  const result = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) result.data[i * m + i] = 1;
  return result;
}

/** Uniform samples in [0, 1). */
export function rand(shape: readonly number[], options: RandomOptions = {}): Tensor {
  return fillRandom("rand", shape, options, (generator) => generator.uniform());
}

/** Standard normal samples. */
export function randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
  return fillRandom("randn", shape, options, (generator) => generator.normal());
}

function fillRandom(
  op: string,
  shape: readonly number[],
  options: RandomOptions,
  sample: (g: Generator) => number,
): Tensor {
  checkShape(op, shape);
  const generator = options.generator ?? defaultGenerator;
  const storage = allocate(options.dtype ?? "float32", sizeOfShape(shape));
  for (let i = 0; i < storage.length; i++) storage[i] = sample(generator);
  return make(storage, shape, options);
}

function checkShape(op: string, shape: readonly number[]): void {
  if (!shape.every((extent) => Number.isInteger(extent) && extent >= 0)) {
    throw new ShapeError(
      `${op}: invalid shape [${shape.join(", ")}] (extents must be non-negative integers)`,
    );
  }
}
