// Creating tensors: from nested arrays, numbers and typed arrays; constants, ranges and random fills.
import { allocate, dtypeOf, type DType, type TypedArray } from "../backend/dtype.js";
import {
  checkCount,
  checkNumber,
  checkOptions,
  checkShape,
  describe,
  MAX_ELEMENTS,
} from "./creation-checks.js";
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

const isLeafValue = (level: unknown): level is number | boolean =>
  typeof level === "number" || typeof level === "boolean";

function inferShape(data: NestedInput): number[] {
  const shape: number[] = [];
  let level: unknown = data;
  while (!isLeafValue(level)) {
    if (!Array.isArray(level) && !ArrayBuffer.isView(level)) {
      throw new TypeError(
        `tensor: expected numbers or nested arrays of numbers, got ${describe(level)} at depth ${shape.length}`,
      );
    }
    const list = level as readonly unknown[];
    shape.push(list.length);
    if (list.length === 0) break;
    level = list[0];
  }
  checkShape("tensor", shape);
  return shape;
}

function flatten(data: NestedInput, shape: readonly number[], out: TypedArray): void {
  let position = 0;
  const visit = (level: unknown, axis: number): void => {
    if (isLeafValue(level)) {
      if (axis !== shape.length)
        throw new ShapeError(
          `tensor: ragged nested array (a number at depth ${axis}, expected depth ${shape.length})`,
        );
      out[position++] = Number(level);
      return;
    }
    if (!Array.isArray(level) && !ArrayBuffer.isView(level)) {
      throw new TypeError(
        `tensor: expected a number at depth ${axis}, got ${describe(level)} (element ${position})`,
      );
    }
    const list = level as readonly unknown[];
    if (axis >= shape.length || list.length !== shape[axis]) {
      throw new ShapeError(
        `tensor: ragged nested array (length ${list.length} at depth ${axis}, expected ${shape[axis] ?? "a number"})`,
      );
    }
    for (let i = 0; i < list.length; i++) visit(list[i], axis + 1);
  };
  visit(data, 0);
}

/**
 * A tensor from nested arrays, a number or a typed array (float32 unless told; typed arrays keep their dtype).
 * @example const x = tensor([[1, 2], [3, 4]], { dtype: "float64", requiresGrad: true });
 */
export function tensor(data: NestedInput, options?: TensorOptions): Tensor {
  const checked = checkOptions("tensor", options);
  if (ArrayBuffer.isView(data)) {
    const typed = data as TypedArray;
    const dtype = checked.dtype ?? dtypeOf(typed);
    const storage = allocate(dtype, typed.length);
    storage.set(typed);
    return make(storage, [typed.length], checked);
  }
  const shape = inferShape(data);
  const storage = allocate(checked.dtype ?? "float32", sizeOfShape(shape));
  flatten(data, shape, storage);
  return make(storage, shape, checked);
}

/** A tensor of `shape` with every element `value`. @example full([2, 2], 7) */
export function full(shape: readonly number[], value: number, options?: TensorOptions): Tensor {
  return filled("full", shape, value, options);
}

function filled(
  op: string,
  shape: readonly number[],
  value: number,
  options: TensorOptions | undefined,
): Tensor {
  checkShape(op, shape);
  const fill = typeof value === "boolean" ? Number(value) : checkNumber(op, "value", value);
  const checked = checkOptions(op, options);
  const storage = allocate(checked.dtype ?? "float32", sizeOfShape(shape));
  storage.fill(fill);
  return make(storage, shape, checked);
}

/** Zeros of `shape`. @example zeros([2, 3]) */
export const zeros = (shape: readonly number[], options?: TensorOptions): Tensor =>
  filled("zeros", shape, 0, options);
/** Ones of `shape`. @example ones([2, 3]) */
export const ones = (shape: readonly number[], options?: TensorOptions): Tensor =>
  filled("ones", shape, 1, options);
/** Zeros of `like`'s shape and dtype. @example zerosLike(x) */
export const zerosLike = (like: Tensor, options?: TensorOptions): Tensor =>
  filled("zerosLike", tensorArgument("zerosLike", like).shape, 0, {
    dtype: like.dtype,
    ...checkOptions("zerosLike", options),
  });
/** Ones of `like`'s shape and dtype. @example onesLike(x) */
export const onesLike = (like: Tensor, options?: TensorOptions): Tensor =>
  filled("onesLike", tensorArgument("onesLike", like).shape, 1, {
    dtype: like.dtype,
    ...checkOptions("onesLike", options),
  });

function tensorArgument(op: string, like: unknown): Tensor {
  if (!(like instanceof Tensor))
    throw new TypeError(`${op}: expected a Tensor, got ${describe(like)}`);
  return like;
}

/** An options object given where a number goes (arange(10, { dtype }), as in torch.arange(10, dtype=…)). */
const isOptions = (value: unknown): value is TensorOptions =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Values start, start + step, … below end (like numpy.arange); arange(n) counts 0 … n − 1. The options
 * may also come in place of `end` or `step`.
 * @example arange(5, { dtype: "int32" }).toArray(); // [0, 1, 2, 3, 4]
 */
export function arange(
  start: number,
  end?: number | TensorOptions,
  step: number | TensorOptions = 1,
  options?: TensorOptions,
): Tensor {
  checkNumber("arange", "start", start);
  if (isOptions(end)) return arange(start, undefined, 1, end);
  if (isOptions(step)) return arange(start, end, 1, step);
  if (end !== undefined) checkNumber("arange", "end", end);
  checkNumber("arange", "step", step);
  const checked = checkOptions("arange", options);
  const [from, to] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step))
    throw new RangeError(`arange: step must be a non-zero finite number, got ${step}`);
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new RangeError(`arange: start and end must be finite, got ${from} and ${to}`);
  const count = Math.max(0, Math.ceil((to - from) / step));
  if (count > MAX_ELEMENTS)
    throw new RangeError(`arange: ${count} elements from ${from} to ${to} by ${step} are too many`);
  const storage = allocate(checked.dtype ?? "float32", count);
  for (let i = 0; i < count; i++) storage[i] = from + i * step;
  return make(storage, [count], checked);
}

/** `count` evenly spaced values from start to end inclusive. @example linspace(0, 1, 5) */
export function linspace(
  start: number,
  end: number,
  count: number,
  options?: TensorOptions,
): Tensor {
  checkNumber("linspace", "start", start);
  checkNumber("linspace", "end", end);
  checkCount("linspace", "count", count);
  const checked = checkOptions("linspace", options);
  const storage = allocate(checked.dtype ?? "float32", count);
  for (let i = 0; i < count; i++)
    storage[i] = count === 1 ? start : start + ((end - start) * i) / (count - 1);
  return make(storage, [count], checked);
}

/** The n×m identity-like matrix (ones on the diagonal); options may come in place of m. @example eye(3) */
export function eye(n: number, m: number | TensorOptions = n, options?: TensorOptions): Tensor {
  checkCount("eye", "n", n);
  if (isOptions(m)) return eye(n, n, m);
  checkCount("eye", "m", m);
  const result = filled("eye", [n, m], 0, options);
  for (let i = 0; i < Math.min(n, m); i++) result.data[i * m + i] = 1;
  return result;
}

/** Uniform samples in [0, 1). @example rand([2, 3], { generator: new Generator(0) }) */
export function rand(shape: readonly number[], options?: RandomOptions): Tensor {
  return fillRandom("rand", shape, options, (generator) => generator.uniform());
}

/** Standard normal samples. @example randn([2, 3], { generator: new Generator(0) }) */
export function randn(shape: readonly number[], options?: RandomOptions): Tensor {
  return fillRandom("randn", shape, options, (generator) => generator.normal());
}

function fillRandom(
  op: string,
  shape: readonly number[],
  options: RandomOptions | undefined,
  sample: (g: Generator) => number,
): Tensor {
  checkShape(op, shape);
  const checked = checkOptions(op, options);
  const generator = checked.generator ?? defaultGenerator;
  const storage = allocate(checked.dtype ?? "float32", sizeOfShape(shape));
  for (let i = 0; i < storage.length; i++) storage[i] = sample(generator);
  return make(storage, shape, checked);
}
